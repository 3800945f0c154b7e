/// A Zenoh node id: 1 to 16 bytes (the little-endian bytes of a 128-bit number), random per session.
///
/// ```swift
/// let id = ZenohID.random()          // 16 random bytes
/// print(id)                          // hex, most significant byte first, as zenoh prints it
/// ```
/// Thread: a value.
public struct ZenohID: Sendable, Hashable, CustomStringConvertible {
    /// The bytes, least significant first.
    public let bytes: [UInt8]

    /// An id from its bytes; nil unless there are 1 to 16.
    public init?(_ bytes: [UInt8]) {
        guard (1...16).contains(bytes.count) else { return nil }
        self.bytes = bytes
    }

    /// Sixteen random bytes, the last one non-zero so the length is kept.
    public static func random() -> ZenohID {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        if bytes[15] == 0 { bytes[15] = 1 }
        return ZenohID(bytes)!
    }

    public var description: String {
        bytes.reversed().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
