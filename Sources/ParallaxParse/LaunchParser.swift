import ParallaxCore

/// The launch-string front end: turns a gst-launch description into a validated `Graph`.
///
/// ```swift
/// let parser = LaunchParser(registry: registry)   // an ElementRegistry naming the elements
/// let graph = try parser.parse("videotestsrc pattern=ball ! video/x-raw,width=320 ! tee name=t  t. ! fakesink")
/// graph.nodes.map(\.name)        // ["videotestsrc0", "t", "fakesink0"]
/// graph.links[0].caps            // video/x-raw, width=(int)320
/// ```
/// The grammar is GStreamer 1.22's (`gst_parse_launch`) without bins, URIs and presets; see
/// `docs/launch-syntax.md`. Parsing runs in three steps: the lexer and the chain parser stop at the first
/// syntax error; then an ordered list of validators (factories, names, properties, caps filters,
/// references, pads) checks the syntax tree, and the earliest problem in the text is thrown; finally the
/// checked tree is lowered to a graph. A graph is returned only when nothing is wrong.
///
/// A value type holding its registry; parse on any thread, concurrently if you like.
public struct LaunchParser: Sendable {
    /// The factories descriptions may name.
    public var registry: ElementRegistry

    /// The validators, in the order they run; each may rely on what the earlier ones recorded.
    static let validators: [any LaunchValidator] = [
        FactoryValidator(),
        NameValidator(),
        PropertyValidator(),
        CapsFilterValidator(),
        ReferenceValidator(),
        PadValidator(),
    ]

    /// A parser for descriptions naming factories of `registry`.
    public init(registry: ElementRegistry) {
        self.registry = registry
    }

    /// Parses and validates `description`; never returns a partial graph with an error.
    ///
    /// - Throws: `LaunchError` holding the first problem (the first syntax error, else the earliest problem
    ///   the validators found), rendered by its `description`.
    public func parse(_ description: String) throws(LaunchError) -> Graph {
        do throws(DiagnosticError) {
            var lexer = LaunchLexer(description)
            var parser = LaunchSyntaxParser(tokens: try lexer.tokenize(), source: description)
            let syntax = try parser.parse()
            var analysis = LaunchAnalysis(syntax: syntax, registry: registry)
            var problems: [Diagnostic] = []
            for validator in Self.validators {
                problems += validator.validate(syntax, &analysis)
            }
            if let first = problems.min(by: { $0.span.start < $1.span.start }) {
                throw DiagnosticError(first)
            }
            return try GraphLowering.graph(syntax, analysis)
        } catch {
            throw LaunchError(diagnostic: error.diagnostic, source: description)
        }
    }
}
