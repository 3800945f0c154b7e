import ParallaxCore

/// What the validators have learnt about a description so far; lowering turns it into a `Graph`.
///
/// Arrays are indexed like `LaunchSyntax.elements` and `LaunchSyntax.links`. An entry stays nil when its
/// validator found a problem with it (or could not check it because of an earlier problem).
struct LaunchAnalysis: Sendable {
    /// The factories the description can name.
    let registry: ElementRegistry
    /// Each element's description, nil for unknown factories.
    var infos: [ElementInfo?]
    /// Each element's name: its `name=` value or an automatic `factory` + counter.
    var names: [String]
    /// The span of each element's `name=` value, nil for automatic names.
    var nameSpans: [SourceSpan?]
    /// Each element's typed property settings, in the order written (`name` excluded).
    var properties: [[PropertySetting]]
    /// Each link's parsed caps filter, nil when it has none (or it did not parse).
    var caps: [Caps?]
    /// Each link's upstream and downstream element, nil while a reference is unresolved.
    var ends: [(from: Int?, to: Int?)]
    /// Each link's pads, once chosen.
    var pads: [(from: PadRef, to: PadRef)?]

    /// An empty analysis for `syntax`.
    init(syntax: LaunchSyntax, registry: ElementRegistry) {
        self.registry = registry
        infos = Array(repeating: nil, count: syntax.elements.count)
        names = syntax.elements.map(\.factory)
        nameSpans = Array(repeating: nil, count: syntax.elements.count)
        properties = Array(repeating: [], count: syntax.elements.count)
        caps = Array(repeating: nil, count: syntax.links.count)
        ends = syntax.links.map { link in
            (Self.element(of: link.from), Self.element(of: link.to))
        }
        pads = Array(repeating: nil, count: syntax.links.count)
    }

    /// The element index of an endpoint that names an element directly.
    private static func element(of endpoint: LaunchSyntax.Endpoint) -> Int? {
        if case .element(let index) = endpoint.target { return index }
        return nil
    }
}
