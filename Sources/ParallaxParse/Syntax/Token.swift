import ParallaxCore

/// One token of a launch description, as `LaunchLexer` cuts it, with the bytes it covers.
///
/// ```
/// videotestsrc pattern=ball ! video/x-raw,width=320 ! tee  t. ! .sink queue
///
/// element(videotestsrc)  assignment(pattern=ball)  link(caps: video/x-raw,width=320)  element(tee)
/// reference(t.)  link  padReference(sink)  element(queue)
/// ```
struct Token: Sendable, Hashable {
    /// What the token is.
    var kind: Kind
    /// The bytes it covers.
    var span: SourceSpan

    /// The kinds of token.
    enum Kind: Sendable, Hashable {
        /// A factory name starting an element (`videotestsrc`).
        case element(String)
        /// `property=value`.
        case assignment(Assignment)
        /// `name.` or `name.pad`: an element named elsewhere, optionally one of its pads.
        case reference(Reference)
        /// `.pad` before or after an element: that element's pad for the neighbouring link.
        case padReference(String)
        /// `!`, or `! caps !` with the caps text.
        case link(caps: MappedText?)
    }

    /// A `property=value` token.
    struct Assignment: Sendable, Hashable {
        /// The property name as written.
        var name: String
        /// The bytes of the name.
        var nameSpan: SourceSpan
        /// The value with quotes and escapes removed.
        var value: MappedText
        /// The value exactly as written (quotes included).
        var rawValue: String
        /// The bytes of the value as written.
        var valueSpan: SourceSpan
        /// Whether the value was written in quotes.
        var isQuoted: Bool
    }

    /// A `name.pad` token.
    struct Reference: Sendable, Hashable {
        /// The element name.
        var name: String
        /// The pad name, if one was written.
        var pad: String?
        /// The bytes of the pad name, if one was written.
        var padSpan: SourceSpan?
    }
}
