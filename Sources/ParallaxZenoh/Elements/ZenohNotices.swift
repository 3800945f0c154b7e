import ParallaxCore
import Synchronization

/// Bus messages a session's thread has for an element, kept until the element's streaming thread can post them
/// (elements post only from their own calls). Keeps at most `capacity`, dropping the oldest.
///
/// ```swift
/// let notices = ZenohNotices()
/// options.onDisconnect = { _ in notices.add(CapsStructure("zenoh-pub-connection", [("state", .string("lost"))])) }
/// for notice in notices.take() { ctx.post(notice) }      // in render
/// ```
/// Thread: `add` from any thread, `take` from any.
final class ZenohNotices: Sendable {
    private let pending = Mutex<[CapsStructure]>([])
    private let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// Keeps `notice` for the next `take()`.
    func add(_ notice: CapsStructure) {
        pending.withLock { pending in
            pending.append(notice)
            if pending.count > capacity { pending.removeFirst(pending.count - capacity) }
        }
    }

    /// The notices kept so far, oldest first; empties the list.
    func take() -> [CapsStructure] {
        pending.withLock { pending in
            defer { pending = [] }
            return pending
        }
    }
}
