/// Which protocol a generated element conforms to: `Source`, `Transform` or `Sink`.
///
/// ```swift
/// ElementKind(rawValue: "transform")   // .transform
/// ```
/// Plain data.
public enum ElementKind: String, Sendable, Hashable, CaseIterable {
    /// Produces buffers: has an output, no input.
    case source
    /// Turns input buffers into output buffers.
    case transform
    /// Consumes buffers: has an input, no output.
    case sink

    /// The Swift protocol (`Transform`).
    public var protocolName: String {
        switch self {
        case .source: "Source"
        case .transform: "Transform"
        case .sink: "Sink"
        }
    }

    /// Whether the element has an input (sink) pad.
    public var hasInput: Bool { self != .source }
    /// Whether the element has an output (src) pad.
    public var hasOutput: Bool { self != .sink }
}
