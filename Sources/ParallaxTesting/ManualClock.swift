import Glibc
import ParallaxCore

/// A pipeline clock that moves only when the test says so — GStreamer's `GstTestClock`.
///
/// ```swift
/// let clock = ManualClock()
/// let thread = Thread { _ = clock.wait(until: .milliseconds(40)) }   // a streaming thread
/// thread.start()
/// await clock.waitForWaiters(1)      // it is now blocked in wait(until:)
/// clock.advance(by: .milliseconds(40))   // … and now released with .reached
/// ```
/// `wait(until:)` blocks the calling thread until `now` reaches the deadline (`.reached`) or `unschedule()`
/// is called (`.unscheduled`). Tests synchronise with waiting threads through `waitForWaiters(_:)` /
/// `blockUntilWaiters(_:)` instead of sleeping: they return once that many threads are blocked in
/// `wait(until:)`. Time starts at zero.
///
/// Thread: every method from any thread. `wait(until:)` and `blockUntilWaiters(_:)` block their thread (do
/// not call them from Swift concurrency's cooperative pool while it is needed elsewhere); `waitForWaiters(_:)`
/// suspends instead.
public final class ManualClock: PipelineClock, @unchecked Sendable {  // unchecked: all state behind a pthread mutex
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var current = ClockTime.zero
    private var generation: UInt64 = 0
    private var waiting = 0
    private var waiterWatchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// A clock at time zero (or `start`).
    public init(start: ClockTime = .zero) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        current = start
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// The current time: zero until advanced.
    public var now: ClockTime { locked { current } }

    /// Threads currently blocked in `wait(until:)`.
    public var waiterCount: Int { locked { waiting } }

    /// Blocks until `now` reaches `deadline` (`.reached`) or `unschedule()` (`.unscheduled`).
    public func wait(until deadline: ClockTime) -> ClockWaitResult {
        let (result, watchers) = locked { () -> (ClockWaitResult?, [CheckedContinuation<Void, Never>]) in
            if current >= deadline { return (.reached, []) }
            waiting += 1
            pthread_cond_broadcast(condition)
            return (nil, takeSatisfiedWatchers())
        }
        for watcher in watchers { watcher.resume() }
        if let result { return result }
        return locked {
            let start = generation
            defer { waiting -= 1 }
            while true {
                if generation != start { return .unscheduled }
                if current >= deadline { return .reached }
                pthread_cond_wait(condition, mutex)
            }
        }
    }

    /// Wakes every waiter with `.unscheduled`; later waits block again.
    public func unschedule() {
        locked {
            generation += 1
            pthread_cond_broadcast(condition)
        }
    }

    /// Moves time forward by `duration`, releasing waits whose deadline is reached.
    public func advance(by duration: ClockTime) {
        locked {
            current = current + duration
            pthread_cond_broadcast(condition)
        }
    }

    /// Sets the time to `time` (never backwards), releasing waits whose deadline is reached.
    public func advance(to time: ClockTime) {
        locked {
            current = Swift.max(current, time)
            pthread_cond_broadcast(condition)
        }
    }

    /// Suspends until at least `count` threads are blocked in `wait(until:)`.
    public func waitForWaiters(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = locked { () -> Bool in
                if waiting >= count { return true }
                waiterWatchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Blocks the calling thread until at least `count` threads are blocked in `wait(until:)`.
    public func blockUntilWaiters(_ count: Int) {
        locked {
            while waiting < count { pthread_cond_wait(condition, mutex) }
        }
    }

    /// Removes and returns the watchers whose count is reached (called with the mutex held).
    private func takeSatisfiedWatchers() -> [CheckedContinuation<Void, Never>] {
        var ready: [CheckedContinuation<Void, Never>] = []
        waiterWatchers.removeAll { watcher in
            guard waiting >= watcher.count else { return false }
            ready.append(watcher.continuation)
            return true
        }
        return ready
    }

    private func locked<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
