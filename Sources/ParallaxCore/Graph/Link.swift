/// A connection from a src pad to a sink pad, with an optional caps filter written on it.
public struct Link: Sendable, Hashable, Codable {
    /// The upstream pad.
    public var from: PadRef
    /// The downstream pad.
    public var to: PadRef
    /// A caps filter (`a ! video/x-raw,width=320 ! b`), or nil.
    public var caps: Caps?
    /// Where the link was written, if it came from a launch string.
    public var span: SourceSpan?

    /// Creates a link.
    public init(from: PadRef, to: PadRef, caps: Caps? = nil, span: SourceSpan? = nil) {
        self.from = from
        self.to = to
        self.caps = caps
        self.span = span
    }
}
