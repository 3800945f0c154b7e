/// Gathers the FRAGMENTs of one channel into the network messages they were cut from, with a size cap.
///
/// ```swift
/// var defragmenter = ZenohDefragmenter(limit: 64 << 20)
/// if let whole = try defragmenter.add(bytes, sequence: sn, more: false) { … }   // the message's bytes
/// ```
/// A gap in sequence numbers or a message over the cap loses the message being gathered (and is reported);
/// the next message starts clean. Thread: a value, used by the session's receiving thread.
public struct ZenohDefragmenter: Sendable {
    /// The largest message accepted, in bytes.
    public let limit: Int
    private var gathered: [UInt8] = []
    private var nextSequence: UInt64?
    private var discarding = false
    /// The size of the last whole message: the next one is gathered into room for as much, so that a stream of
    /// equal messages is gathered without growing (and copying) its storage.
    private var lastSize = 0

    /// A defragmenter refusing messages over `limit` bytes.
    public init(limit: Int) {
        self.limit = limit
    }

    /// Adds one fragment; returns the whole message when `more` is false and nothing was lost.
    public mutating func add(
        _ bytes: ArraySlice<UInt8>, sequence: UInt64, more: Bool, sequenceMask: UInt64 = UInt64(UInt32.max)
    ) throws(ZenohError) -> [UInt8]? {
        defer { nextSequence = (sequence &+ 1) & sequenceMask }
        var lost: ZenohError?
        if let expected = nextSequence, expected != sequence, !gathered.isEmpty {
            lost = .protocolError("a fragment is missing (sequence \(sequence), expected \(expected)); the message is lost")
        } else if !discarding, gathered.count + bytes.count > limit {
            lost = .tooLarge("a message over \(limit) bytes arrived; it is dropped")
        }
        if let lost {
            gathered.removeAll(keepingCapacity: false)
            discarding = more
            throw lost
        }
        if discarding {
            discarding = more
            return nil
        }
        if gathered.isEmpty, more { gathered.reserveCapacity(min(max(lastSize, 2 * bytes.count), limit)) }
        gathered.append(contentsOf: bytes)
        guard !more else { return nil }
        lastSize = gathered.count
        defer { gathered = [] }
        return gathered
    }
}
