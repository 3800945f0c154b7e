import ParallaxCore

/// An element the builder knows only by its factory name, typed by a wrapper: what `parallax-gen wrappers`
/// writes for elements that have no Swift type in the program (a plugin's elements, say).
///
/// ```swift
/// struct Brightness: ElementByName {                       // normally generated, not written by hand
///     typealias Input = RawVideo<RGBA>
///     typealias Output = RawVideo<RGBA>
///     static let factory = "brightness"
///     var adjustment = 0
///     var options = NodeOptions()
///     var settings: [PropertySetting] {
///         [Self.setting("adjustment", .int(Int64(adjustment)), default: .int(0))].compactMap { $0 }
///     }
/// }
/// let pipeline = try Pipeline(registry: registry) {
///     VideoTestSource.producing(RGBA.self); Brightness(adjustment: 40); FakeSink()
/// }
/// ```
/// In a builder it is a `Takes<Input>.Gives<Output>` stage; a source wrapper takes `PipelineStart` and a sink
/// wrapper gives `PipelineEnd`. `Pipeline.init` makes the element from its registry with `settings` and throws
/// `.invalidGraph` naming the wrapper when the registry has no element called `factory`.
/// Plain data, built on the calling thread.
public protocol ElementByName<Input, Output>: NodeConfigurable, Sendable {
    /// What the element consumes: a `MediaType`, or `PipelineStart` for a source.
    associatedtype Input
    /// What the element produces: a `MediaType`, or `PipelineEnd` for a sink.
    associatedtype Output
    /// The factory name the pipeline's registry knows the element by.
    static var factory: String { get }
    /// The properties whose values differ from the element's defaults, in the order they are set.
    var settings: [PropertySetting] { get }
    /// What the modifiers (`named(_:)`, `isolated()`, `group(_:)`, `queued(maxBuffers:)`) asked for.
    var options: NodeOptions { get set }
}

extension ElementByName {
    /// A copy with `change` applied to `options`.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self {
        var copy = self
        change(&copy.options)
        return copy
    }

    /// A copy with one property changed: `Brightness().with(\.adjustment, 40)`.
    public func with<Value>(_ path: WritableKeyPath<Self, Value>, _ value: Value) -> Self {
        var copy = self
        copy[keyPath: path] = value
        return copy
    }

    /// The setting for property `name`, or nil when `value` is the property's default (so the node lists
    /// only what was changed, as a launch string does).
    ///
    /// ```swift
    /// Self.setting("adjustment", .int(40), default: .int(0))   // adjustment=40
    /// ```
    public static func setting(_ name: String, _ value: PropertyValue, default defaultValue: PropertyValue)
        -> PropertySetting?
    {
        value == defaultValue ? nil : PropertySetting(name: name, value: value, text: Fragment.launchText(value))
    }

    /// The element's fragment, with the options applied.
    var fragment: Fragment {
        Fragment(
            factory: Self.factory, typeName: String(describing: Self.self), properties: settings,
            hasInput: Input.self != PipelineStart.self, hasOutput: Output.self != PipelineEnd.self
        ).applying(options)
    }
}
