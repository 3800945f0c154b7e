import CParallaxLinux

/// A wait/wake primitive for streaming threads: GStreamer's `GCond`, built on a futex event count.
///
/// A waiter calls `prepare()`, re-checks its condition (under whatever lock guards it), then either
/// `cancel()`s or `wait(_:)`s with the key; a notifier changes the condition and calls `notify()`, which
/// makes a system call only when someone is waiting. No wake-up is lost between the check and the sleep.
///
/// ```swift
/// while true {
///     let key = event.prepare()
///     if state.withLock({ $0.ready }) { event.cancel(); break }
///     event.wait(key)
/// }
/// ```
/// Thread: any; the element channels use it to park a streaming thread until the application acts.
final class EventCount: @unchecked Sendable {  // unchecked: the only state is a C event touched with atomics
    private let event: UnsafeMutablePointer<px_event>

    /// Creates an event with no waiters.
    init() {
        event = .allocate(capacity: 1)
        px_event_init(event)
    }

    deinit { event.deallocate() }

    /// Announces a waiter; returns the key for `wait(_:)`.
    func prepare() -> UInt32 { px_event_prepare(event) }

    /// Withdraws a waiter whose condition became true after `prepare()`.
    func cancel() { px_event_cancel(event) }

    /// Sleeps until a `notify()` after `key` was taken (spurious wake-ups possible: re-check and loop).
    func wait(_ key: UInt32) { px_event_wait(event, key) }

    /// Wakes every waiter.
    func notify() { px_event_notify(event) }
}
