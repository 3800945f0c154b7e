import CParallaxLinux
import Synchronization

/// Counts running streaming threads down to zero and lets the control thread wait for that.
package final class Countdown: @unchecked Sendable {  // unchecked: an atomic and a C event, both thread-safe
    private let remaining = Atomic<Int>(0)
    private let event: UnsafeMutablePointer<px_event>

    package init() {
        event = .allocate(capacity: 1)
        px_event_init(event)
    }

    deinit { event.deallocate() }

    package func add() { remaining.add(1, ordering: .sequentiallyConsistent) }

    package func done() {
        remaining.subtract(1, ordering: .sequentiallyConsistent)
        px_event_notify(event)
    }

    package var isZero: Bool { remaining.load(ordering: .sequentiallyConsistent) == 0 }

    /// Blocks until every added thread has called `done()`.
    package func waitForZero() {
        while true {
            let key = px_event_prepare(event)
            if isZero {
                px_event_cancel(event)
                return
            }
            px_event_wait(event, key)
        }
    }
}
