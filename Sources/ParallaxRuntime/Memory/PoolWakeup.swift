import CParallaxLinux
import Synchronization

/// The wake-up a buffer pool shares with its arenas: a futex event count plus the pool's cancelled flag.
///
/// An acquirer that finds no free slot announces itself (`prepare`), checks again, and only then sleeps
/// (`wait`); a release calls `notify`, which makes a system call only when someone announced itself, so
/// the hot path (nobody waiting) costs one fence and one load.
/// Thread: any.
final class PoolWakeup: @unchecked Sendable {  // unchecked: the event is touched only through C atomics/futex
    private let event: UnsafeMutablePointer<px_event>
    private let cancelled = Atomic<Bool>(false)

    init() {
        event = UnsafeMutablePointer<px_event>.allocate(capacity: 1)
        event.initialize(to: px_event())
        px_event_init(event)
    }

    deinit {
        event.deinitialize(count: 1)
        event.deallocate()
    }

    /// Whether the pool is cancelled (acquirers fail until `resume`).
    var isCancelled: Bool { cancelled.load(ordering: .sequentiallyConsistent) }

    /// Cancels the pool and wakes every waiter so that it sees the flag.
    func cancel() {
        cancelled.store(true, ordering: .sequentiallyConsistent)
        px_event_notify(event)
    }

    /// Clears the cancelled flag.
    func resume() {
        cancelled.store(false, ordering: .sequentiallyConsistent)
    }

    /// Wakes waiters after a slot was freed; no system call when nobody waits. Includes a sequentially
    /// consistent fence, which orders the caller's slot release before any load that follows.
    func notify() {
        px_event_notify(event)
    }

    /// Announces a waiter and returns the key for `wait`; the caller must re-check its condition next
    /// and call `withdraw` if it holds.
    func prepare() -> UInt32 {
        let key = px_event_prepare(event)
        atomicMemoryFence(ordering: .sequentiallyConsistent)  // the re-check's loads come after the announcement
        return key
    }

    /// Withdraws a waiter announced by `prepare` whose condition turned out true.
    func withdraw() {
        px_event_cancel(event)
    }

    /// Sleeps until a `notify` after `key` was taken (or spuriously); withdraws the waiter.
    func wait(_ key: UInt32) {
        px_event_wait(event, key)
    }

    /// How many waiters are announced right now.
    var waiterCount: Int { Int(px_event_waiter_count(event)) }
}
