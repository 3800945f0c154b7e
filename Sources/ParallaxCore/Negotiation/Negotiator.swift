/// The one entry point for format negotiation: graph + element instances in, fixed caps per link out.
///
/// The core engine ships `LinkByLinkNegotiator`; a global solver replaces it behind this protocol.
/// Thread: called on the control thread while the pipeline goes from READY to PAUSED.
public protocol Negotiator: Sendable {
    /// Fixes the caps of every link of `graph`. `elements[i]` is the instance for `graph.nodes[i]`.
    func negotiate(_ graph: Graph, elements: [any Element]) throws(NegotiationError) -> NegotiatedGraph
}

/// The result of negotiation: fixed caps for every link, in `Graph.links` order.
public struct NegotiatedGraph: Sendable, Hashable {
    /// The graph that was negotiated.
    public var graph: Graph
    /// `linkCaps[i]` is the fixed caps of `graph.links[i]`.
    public var linkCaps: [Caps]

    /// Creates a negotiated graph.
    public init(graph: Graph, linkCaps: [Caps]) {
        self.graph = graph
        self.linkCaps = linkCaps
    }

    /// The caps on the link leaving `node` through `pad`, if any.
    public func caps(from node: Int, pad: String) -> Caps? {
        graph.links.indices.first { graph.links[$0].from == PadRef(node: node, pad: pad) }.map { linkCaps[$0] }
    }
}

/// Why negotiation failed, explained like a compiler error: what, where (a span), and a hint.
public struct NegotiationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One sentence naming the two elements and the caps that did not meet.
    public var message: String
    /// Where in the launch string, if the graph came from one.
    public var span: SourceSpan?
    /// Extra facts (each side's caps).
    public var notes: [String]
    /// A suggestion (`insert videoconvert`, `did you mean format=I420?`).
    public var help: String?

    /// Creates an error.
    public init(message: String, span: SourceSpan?, notes: [String] = [], help: String? = nil) {
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }

    public var description: String { message }
}
