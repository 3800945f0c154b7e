import CParallaxLinux
import Synchronization

/// The samples a subscriber received and its source has not produced yet: filled by the session's thread,
/// emptied by the streaming thread, which sleeps while it is empty. Holds at most `capacity` samples and drops the
/// oldest beyond that (counted); `close()` wakes the streaming thread for good.
///
/// ```swift
/// let inbox = ZenohInbox(capacity: 64)
/// session.subscribe(key) { inbox.push($0) }
/// while let sample = inbox.pop(timeoutNanoseconds: nil) { … }
/// ```
/// Thread: `push` from any thread, `pop` from one thread at a time, `close` from any.
final class ZenohInbox: @unchecked Sendable {  // unchecked: the queue is under `state`; `event` is a futex word
    private struct State {
        var samples: [ZenohSample?] = []
        var head = 0
        var closed = false
        var overflowed = 0
    }

    private let state = Mutex(State())
    private let event = UnsafeMutablePointer<px_event>.allocate(capacity: 1)
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        px_event_init(event)
    }

    deinit { event.deallocate() }

    /// Adds a sample, dropping the oldest when full.
    func push(_ sample: ZenohSample) {
        state.withLock { state in
            guard !state.closed else { return }
            state.samples.append(sample)
            if state.samples.count - state.head > capacity {
                state.samples[state.head] = nil
                state.head += 1
                state.overflowed += 1
            }
            if state.head > 64, state.head * 2 > state.samples.count {
                state.samples.removeFirst(state.head)
                state.head = 0
            }
        }
        px_event_notify(event)
    }

    /// The oldest sample, waiting for one (at most `timeoutNanoseconds`, nil: no limit); nil when closed or timed out.
    func pop(timeoutNanoseconds: UInt64?) -> ZenohSample? {
        let deadline = timeoutNanoseconds.map { px_monotonic_ns() &+ $0 }
        while true {
            let key = px_event_prepare(event)
            let next: ZenohSample?? = state.withLock { state in
                if state.closed { return .some(nil) }
                guard state.head < state.samples.count else { return nil }
                defer {
                    state.samples[state.head] = nil  // a popped sample's payload is not kept alive here
                    state.head += 1
                }
                return .some(state.samples[state.head])
            }
            if let next {
                px_event_cancel(event)
                return next
            }
            if let deadline {
                let now = px_monotonic_ns()
                guard now < deadline else {
                    px_event_cancel(event)
                    return nil
                }
                _ = px_event_wait_timeout(event, key, deadline - now)
            } else {
                px_event_wait(event, key)
            }
        }
    }

    /// Samples dropped because the inbox was full.
    var overflowed: Int { state.withLock { $0.overflowed } }

    /// Wakes a waiting `pop` (which returns nil) and refuses further samples.
    func close() {
        state.withLock { $0.closed = true }
        px_event_notify(event)
    }
}
