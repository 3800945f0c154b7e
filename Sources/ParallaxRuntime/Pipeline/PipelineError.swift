import ParallaxCore

/// Why a pipeline could not be built, negotiated or run.
public enum PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The graph is not runnable (unknown factory, an unlinked pad); names what and where.
    case invalidGraph(String, span: SourceSpan?)
    /// Formats could not be agreed on.
    case negotiation(NegotiationError)
    /// An element failed while running.
    case element(String, ElementError)
    /// The system refused a resource (threads, memory).
    case resources(String)
    /// A state change was asked for that the pipeline cannot make now.
    case state(String)

    public var description: String {
        switch self {
        case .invalidGraph(let message, _): message
        case .negotiation(let error): error.message
        case .element(let name, let error): "element \(name): \(error)"
        case .resources(let message): message
        case .state(let message): message
        }
    }

    /// Whether the error is in the description or its formats (exit code 2) rather than at run time (1).
    public var isDescriptionError: Bool {
        switch self {
        case .invalidGraph, .negotiation: true
        case .element, .resources, .state: false
        }
    }
}
