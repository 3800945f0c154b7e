/// Negotiation the way GStreamer does it: query what downstream accepts, then fix caps at each source
/// and push them downstream link by link.
///
/// ```
/// 1. accept(link)  = link filter ∩ sink template ∩ transformCaps⁻¹(accept(links further down))
/// 2. in topological order: caps(out) = fixate(transformCaps(caps(in)) ∩ accept(out))
/// ```
/// Tee-like elements with several outgoing links put the same caps on all of them.
public struct LinkByLinkNegotiator: Negotiator {
    /// Creates the negotiator.
    public init() {}

    public func negotiate(_ graph: Graph, elements: [any Element]) throws(NegotiationError) -> NegotiatedGraph {
        var solver = Solver(graph: graph, elements: elements)
        return NegotiatedGraph(graph: graph, linkCaps: try solver.run())
    }
}

private struct Solver {
    let graph: Graph
    let elements: [any Element]
    var accepted: [Int: Caps] = [:]
    var fixed: [Caps?]

    init(graph: Graph, elements: [any Element]) {
        self.graph = graph
        self.elements = elements
        self.fixed = Array(repeating: nil, count: graph.links.count)
    }

    mutating func run() throws(NegotiationError) -> [Caps] {
        for node in graph.topologicalOrder() {
            let outgoing = graph.links.indices.filter { graph.links[$0].from.node == node }
            guard !outgoing.isEmpty else { continue }
            let element = elements[node]
            let incoming = graph.links.indices.filter { graph.links[$0].to.node == node }
            var candidate: Caps
            if let input = incoming.first, let inputCaps = fixed[input] {
                candidate = element.transformCaps(inputCaps, from: .sink)
            } else {
                candidate = type(of: element).template(.src)?.caps ?? .any
            }
            for link in outgoing {
                let narrowed = candidate.intersection(accept(link))
                if narrowed.isEmpty {
                    throw failure(link: link, produced: candidate, accepted: accept(link))
                }
                candidate = narrowed
            }
            // ANY stays ANY (untyped data such as fakesrc's); anything else is fixed to one format.
            let other = incoming.first.flatMap { fixed[$0] } ?? .empty
            var result = candidate.isFixed ? candidate : element.fixate(candidate, on: .src, otherSide: other)
            if !result.isFixed && !result.isAny { result = result.fixated() }
            if result.isEmpty, let link = outgoing.first {
                throw NegotiationError(
                    message: "could not fix a format on the link after \(name(node)): \(candidate) is not specific",
                    span: graph.links[link].span ?? graph.nodes[node].span,
                    help: "add a caps filter after \(name(node)), e.g. `! video/x-raw,format=I420 !`")
            }
            for link in outgoing { fixed[link] = result }
        }
        var caps: [Caps] = []
        for (index, value) in fixed.enumerated() {
            guard let value else {
                let link = graph.links[index]
                throw NegotiationError(
                    message: "\(name(link.from.node)) is not connected to a source; its format cannot be decided",
                    span: link.span ?? graph.nodes[link.from.node].span)
            }
            caps.append(value)
        }
        return caps
    }

    /// What the far side of `link` accepts, following transforms further downstream.
    mutating func accept(_ link: Int) -> Caps {
        if let known = accepted[link] { return known }
        let target = graph.links[link].to.node
        let element = elements[target]
        var caps = type(of: element).template(.sink)?.caps ?? .any
        if let filter = graph.links[link].caps { caps = filter.intersection(caps) }
        for next in graph.links.indices where graph.links[next].from.node == target {
            caps = caps.intersection(element.transformCaps(accept(next), from: .src))
        }
        accepted[link] = caps
        return caps
    }

    func failure(link: Int, produced: Caps, accepted: Caps) -> NegotiationError {
        let l = graph.links[link]
        var notes = ["\(name(l.from.node)) can produce: \(produced)"]
        var help: String?
        if let filter = l.caps {
            notes.append("the caps filter on this link is: \(filter)")
            help = NegotiationHint.mismatch(
                offered: produced, wanted: filter, producer: graph.nodes[l.from.node].factory)
        }
        notes.append("\(name(l.to.node)) and what follows accept: \(accepted)")
        return NegotiationError(
            message: "could not link \(name(l.from.node)) to \(name(l.to.node)): no common format",
            span: l.span ?? graph.nodes[l.to.node].span, notes: notes, help: help)
    }

    func name(_ node: Int) -> String { graph.nodes[node].name }
}
