import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime

extension Pipeline {
    /// Parses a gst-launch-style description and builds the pipeline from `registry` (the stock elements
    /// by default).
    ///
    /// ```swift
    /// let pipeline = try Pipeline(launch: "videotestsrc num-buffers=30 ! fakesink")
    /// try await pipeline.run()
    /// ```
    /// Throws `LaunchFailure.description` for an invalid description (with a rendered diagnostic) and
    /// `LaunchFailure.pipeline` when the graph cannot be built. Converters are inserted where elements cannot
    /// agree unless `strict` is true (then such a link fails negotiation with the converter as suggestion).
    public convenience init(
        launch description: String, registry: ElementRegistry = .stock, strict: Bool = false
    ) throws(LaunchFailure) {
        let graph: Graph
        do {
            graph = try LaunchParser(registry: registry).parse(description)
        } catch {
            throw .description(error)
        }
        do {
            try self.init(graph, registry: registry, strict: strict)
        } catch {
            throw .pipeline(error, source: description)
        }
    }
}

/// Why `Pipeline(launch:)` failed: the description itself, or building the pipeline from it.
public enum LaunchFailure: Error, Sendable, CustomStringConvertible {
    /// The description does not parse or names unknown elements, properties or pads.
    case description(LaunchError)
    /// The graph could not be built into a pipeline.
    case pipeline(PipelineError, source: String)

    /// The error rendered for a terminal, with a caret under the offending part of the description.
    public var description: String {
        switch self {
        case .description(let error): error.description
        case .pipeline(let error, let source): error.rendered(in: source)
        }
    }
}

extension PipelineError {
    /// The error as a compiler-style diagnostic over `source` when it has a location, else one line.
    public func rendered(in source: String) -> String {
        switch self {
        case .invalidGraph(let message, let span?):
            return Diagnostic(message: message, span: span, notes: [], help: nil).render(in: source)
        case .negotiation(let error):
            guard let span = error.span else { return "error: \(error.message)" }
            return Diagnostic(message: error.message, span: span, notes: error.notes, help: error.help)
                .render(in: source)
        default:
            return "error: \(description)"
        }
    }
}
