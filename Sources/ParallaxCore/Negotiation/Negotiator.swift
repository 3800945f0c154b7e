/// The one entry point for format negotiation: graph + element instances in, fixed caps per link out.
///
/// `GlobalNegotiator` (the pipeline's default) solves the whole graph at once and inserts converters;
/// `LinkByLinkNegotiator` fixes caps one link at a time, as GStreamer does, and never inserts anything.
/// Thread: called on the control thread while the pipeline goes from READY to PAUSED.
public protocol Negotiator: Sendable {
    /// Fixes the caps of every link of `graph`. `elements[i]` is the instance for `graph.nodes[i]`.
    func negotiate(_ graph: Graph, elements: [any Element]) throws(NegotiationError) -> NegotiatedGraph
}

/// The result of negotiation: the graph to run (with any inserted converters) and fixed caps for every link,
/// in `Graph.links` order.
///
/// ```
/// written:     videotestsrc0 ─────────────────────────────► fakesink0   (filter format=I420 … RGBA sink)
/// negotiated:  videotestsrc0 ─► videoconvert0 (inserted) ─► fakesink0
/// ```
/// Inserted nodes come after the written ones (their ids start at the written graph's node count) and carry
/// a `NodeInsertion`; the written links they split are replaced in place by the chain's links.
public struct NegotiatedGraph: Sendable, Hashable {
    /// The graph that was negotiated, inserted converters included.
    public var graph: Graph
    /// `linkCaps[i]` is the fixed caps of `graph.links[i]`.
    public var linkCaps: [Caps]

    /// Creates a negotiated graph.
    public init(graph: Graph, linkCaps: [Caps]) {
        self.graph = graph
        self.linkCaps = linkCaps
    }

    /// The converters negotiation inserted, in graph order.
    public var insertedNodes: [Node] { graph.nodes.filter(\.isInserted) }

    /// The memory negotiated on `graph.links[link]` (cpu for ANY caps, which carry untyped bytes).
    public func memory(ofLink link: Int) -> MemoryType? { linkCaps[link].memory }

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
