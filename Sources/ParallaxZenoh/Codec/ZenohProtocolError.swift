/// A Zenoh message that cannot be read or written: what was wrong and at which byte of its batch.
///
/// ```swift
/// catch let error as ZenohProtocolError { print(error) }   // "zenoh: a zint runs past the end of the batch at byte 7"
/// ```
public struct ZenohProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public var message: String
    /// The byte offset within the batch (or buffer) being read, when known.
    public var offset: Int?

    /// An error with its message and offset.
    public init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String {
        offset.map { "zenoh: \(message) at byte \($0)" } ?? "zenoh: \(message)"
    }
}
