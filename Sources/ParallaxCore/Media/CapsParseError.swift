/// Why a caps string could not be parsed, and where.
///
/// Thrown by `Caps(parsing:)`. `offset` and `length` are UTF-8 byte positions in the parsed text, so a
/// caller can underline the offending part:
/// ```swift
/// do { _ = try Caps(parsing: "video/x-raw, width 320") } catch {
///     error.message   // "expected '=' after field name 'width'"
///     error.offset    // 19
/// }
/// ```
public struct CapsParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. `unterminated list (missing '}')`.
    public var message: String
    /// UTF-8 byte offset into the parsed text where the problem is.
    public var offset: Int
    /// Number of UTF-8 bytes the problem spans (0 when it is at the end of the text).
    public var length: Int

    /// Creates an error with a message and the byte span it refers to.
    ///
    /// Example: `CapsParseError(message: "empty caps string", offset: 0, length: 0)`.
    public init(message: String, offset: Int, length: Int) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    /// The message followed by the byte offset, e.g. `empty caps string (at byte 0)`.
    public var description: String { "\(message) (at byte \(offset))" }
}
