import ParallaxCore
import ParallaxElements

/// An element with node options (a name, an isolation request, a queue next to it): what the modifiers
/// `named(_:)`, `isolated()`, `group(_:)` and `queued(maxBuffers:)` make of an element.
///
/// ```swift
/// Pipeline {
///     VideoTestSource(pattern: .ball).named("src").queued()
///     VideoScale().group("video")
///     FakeSink().named("out")
/// }
/// ```
/// In a builder it has the type its element would have. Plain data, built on the calling thread.
public struct ConfiguredElement<Wrapped: Element>: NodeConfigurable, Sendable {
    /// The element.
    public var element: Wrapped
    /// What the modifiers asked for.
    public var options: NodeOptions

    /// `element` with `options`.
    public init(_ element: Wrapped, options: NodeOptions = NodeOptions()) {
        self.element = element
        self.options = options
    }

    /// A copy with `change` applied to `options`.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self {
        var copy = self
        change(&copy.options)
        return copy
    }

    /// The element's fragment with the options applied.
    func fragment(hasInput: Bool, hasOutput: Bool) -> Fragment {
        Fragment(element: element, hasInput: hasInput, hasOutput: hasOutput).applying(options)
    }
}

extension Element {
    /// Names the element's node, as `name=` does in a launch string: `VideoTestSource().named("src")`.
    public func named(_ name: String) -> ConfiguredElement<Self> { ConfiguredElement(self).named(name) }

    /// Asks for the element to run alone in its own sandboxed host (`Node.isolation = .isolated`).
    public func isolated() -> ConfiguredElement<Self> { ConfiguredElement(self).isolated() }

    /// Asks for the element to share one sandboxed host with every element of group `name`.
    public func group(_ name: String) -> ConfiguredElement<Self> { ConfiguredElement(self).group(name) }

    /// Links a queue after the element (before it, for a sink); see `NodeConfigurable.queued(maxBuffers:)`.
    public func queued(maxBuffers: UInt64? = nil) -> ConfiguredElement<Self> {
        ConfiguredElement(self).queued(maxBuffers: maxBuffers)
    }
}
