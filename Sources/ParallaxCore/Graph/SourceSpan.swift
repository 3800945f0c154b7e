/// A range of a launch string, in UTF-8 bytes: where a node, property or link was written.
public struct SourceSpan: Sendable, Hashable, Codable {
    /// The first byte.
    public var start: Int
    /// How many bytes.
    public var length: Int

    /// Creates a span.
    public init(start: Int, length: Int) {
        self.start = start
        self.length = length
    }

    /// The byte just past the span.
    public var end: Int { start + length }
}
