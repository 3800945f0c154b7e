import CParallaxLinux
import ParallaxCore
import Synchronization

/// The system clock of a pipeline: `CLOCK_MONOTONIC`, read through the vDSO (no system call).
///
/// `wait(until:)` sleeps on a futex with a timeout, so `unschedule()` can wake every waiter at once.
/// Thread: any.
public final class MonotonicClock: PipelineClock, @unchecked Sendable {  // unchecked: state is atomics and a C event
    private let event: UnsafeMutablePointer<px_event>
    private let generation = Atomic<UInt64>(0)

    /// Creates a clock.
    public init() {
        event = .allocate(capacity: 1)
        px_event_init(event)
    }

    deinit { event.deallocate() }

    public var now: ClockTime { ClockTime(nanoseconds: px_monotonic_ns()) }

    public func wait(until deadline: ClockTime) -> ClockWaitResult {
        let start = generation.load(ordering: .acquiring)
        while true {
            let key = px_event_prepare(event)
            if generation.load(ordering: .acquiring) != start {
                px_event_cancel(event)
                return .unscheduled
            }
            let current = px_monotonic_ns()
            if current >= deadline.nanoseconds {
                px_event_cancel(event)
                return .reached
            }
            _ = px_event_wait_timeout(event, key, deadline.nanoseconds - current)
        }
    }

    public func unschedule() {
        generation.add(1, ordering: .releasing)
        px_event_notify(event)
    }
}
