import ParallaxCore

/// A parsed launch description before any element, property or name is checked: the elements in the order
/// they were written and the links in the order of their `!`.
///
/// ```
/// fakesrc ! tee name=t  t. ! queue ! fakesink
/// elements: 0 fakesrc, 1 tee (name=t), 2 queue, 3 fakesink
/// links:    element 0 → element 1,  reference "t" → element 2,  element 2 → element 3
/// ```
/// Chains are sugar for links, so they leave no trace here. Pure value type.
struct LaunchSyntax: Sendable, Hashable {
    /// The description text.
    var source: String
    /// Every element, in order of appearance (their index becomes the node id).
    var elements: [Element] = []
    /// Every link, in order of appearance.
    var links: [Link] = []

    /// An element as written: `factory prop=value ...`.
    struct Element: Sendable, Hashable {
        /// The factory name.
        var factory: String
        /// The bytes of the factory name.
        var factorySpan: SourceSpan
        /// The `prop=value` assignments, in order (including `name=`).
        var assignments: [Token.Assignment] = []
    }

    /// One end of a link: an element of this description or a reference to a named one, maybe with a pad.
    struct Endpoint: Sendable, Hashable {
        /// What the end is.
        var target: Target
        /// The pad written for it (`t.src_0`, `.src`), if any.
        var pad: String?
        /// The bytes of that pad name.
        var padSpan: SourceSpan?
        /// The bytes of the element's factory name, or of the whole reference.
        var span: SourceSpan

        /// An element or a name.
        enum Target: Sendable, Hashable {
            /// The element with this index in `LaunchSyntax.elements`.
            case element(Int)
            /// The element called `name` (`t.`), resolved after every element is named.
            case reference(String)
        }
    }

    /// A link `a ! b`, with the caps filter written on it (`a ! video/x-raw ! b`).
    struct Link: Sendable, Hashable {
        /// The upstream end.
        var from: Endpoint
        /// The downstream end.
        var to: Endpoint
        /// The caps filter text, unquoted and unescaped.
        var caps: MappedText?
        /// The bytes of the `!` (or of `! caps !`).
        var span: SourceSpan
    }
}
