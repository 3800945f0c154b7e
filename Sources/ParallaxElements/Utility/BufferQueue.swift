import ParallaxCore

/// A first-in first-out queue of buffers with a byte count: the store behind appsrc and appsink.
///
/// Amortised O(1) at both ends: popped slots are reclaimed in bulk once they make up half the array.
/// Thread: a plain value, guarded by the owner's mutex.
struct BufferQueue: Sendable {
    private var items: [Buffer] = []
    private var head = 0
    /// Bytes held by the queued buffers.
    private(set) var bytes = 0

    /// Buffers held.
    var count: Int { items.count - head }
    /// Whether nothing is held.
    var isEmpty: Bool { count == 0 }

    /// Adds `buffer` at the end.
    mutating func append(_ buffer: Buffer) {
        bytes += buffer.length
        items.append(buffer)
    }

    /// Removes and returns the oldest buffer.
    mutating func popFirst() -> Buffer? {
        guard head < items.count else { return nil }
        let buffer = items[head]
        head += 1
        bytes -= buffer.length
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 32, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return buffer
    }

    /// Drops every buffer.
    mutating func removeAll() {
        items.removeAll()
        head = 0
        bytes = 0
    }
}
