/// Negotiation of the whole graph at once, inserting converters where elements cannot agree — the
/// pipeline's default negotiator.
///
/// ```
/// 1. domains     each link: src template ∩ caps filter ∩ sink template (∩ descriptor-passable memory
///                across a process boundary), narrowed through every element's transfer function
///                (`transformCaps`) forward and backward until nothing changes — tee branches included
/// 2. repair      where a domain is empty, the cheapest converter chain (ConverterSearch, Dijkstra over
///                caps) is inserted at the first conflict, upstream first; then back to 1
/// 3. fixation    upstream first: each element's output = downstream's preference ∩ what its fixed input
///                allows, fixed by the element (`fixate(_:on:otherSide:)`)
/// 4. failure     a NegotiationError naming the link, both sides' caps, the constraint that emptied it and
///                a suggestion (`insert videoconvert`, `did you mean format=I420?`)
/// ```
/// ```swift
/// let negotiator = GlobalNegotiator(converters: ConverterRegistry(.stock))
/// let result = try negotiator.negotiate(graph, elements: elements)
/// result.insertedNodes.map(\.factory)   // ["videoconvert"]
/// ```
/// With `strict`, nothing is inserted: a conflict that a chain could bridge fails with that chain as the
/// suggestion. Deterministic: the same graph always gives the same converters and caps.
/// Thread: called on the control thread while the pipeline goes from READY to PAUSED.
public struct GlobalNegotiator: Negotiator {
    /// The converters that may be inserted.
    public var converters: ConverterRegistry
    /// Whether to fail instead of inserting converters.
    public var strict: Bool

    /// A negotiator inserting converters from `converters` (none by default), unless `strict`.
    public init(converters: ConverterRegistry = ConverterRegistry(), strict: Bool = false) {
        self.converters = converters
        self.strict = strict
    }

    public func negotiate(_ graph: Graph, elements: [any Element]) throws(NegotiationError) -> NegotiatedGraph {
        var model = NegotiationModel(graph: graph, elements: elements)
        let search = ConverterSearch(converters)
        let diagnosis = NegotiationDiagnosis(converters: converters)
        for _ in 0...graph.links.count {
            let domains = model.domains()
            guard domains.contains(where: \.isEmpty) else {
                return NegotiatedGraph(graph: model.graph, linkCaps: try Self.fixate(model, domains: domains))
            }
            guard let conflict = model.conflict() else {
                throw diagnosis.unsolvable(model, domains: domains)
            }
            let chain = search.cheapestChain(
                from: conflict.upstream, restrict: { model.restrict($0, on: conflict.link) },
                to: conflict.downstream)
            guard let chain else { throw diagnosis.noChain(model, conflict) }
            if strict { throw diagnosis.strict(model, conflict, chain: chain) }
            Self.insert(chain, at: conflict.link, into: &model)
        }
        throw diagnosis.unsolvable(model, domains: model.domains())
    }

    /// Splits `link` with the chain's converters (fresh elements with default properties), keeping the caps
    /// filter at the chain's filter position and the link's span on every new link.
    static func insert(_ chain: ConverterSearch.Chain, at link: Int, into model: inout NegotiationModel) {
        let original = model.graph.links[link]
        let upstream = model.graph.nodes[original.from.node], downstream = model.graph.nodes[original.to.node]
        let insertion = NodeInsertion(
            upstream: upstream.insertion?.upstream ?? upstream.name,
            downstream: downstream.insertion?.downstream ?? downstream.name)
        var pads = [original.from]
        for step in chain.steps {
            let factory = step.factory
            let id = model.graph.nodes.count
            var node = Node(
                id: id, factory: factory, name: freeName(for: factory, in: model.graph), span: original.span,
                isolation: upstream.isolation)
            node.insertion = insertion
            model.graph.nodes.append(node)
            model.elements.append(step.element.type.init())
            pads.append(PadRef(node: id, pad: "sink"))
            pads.append(PadRef(node: id, pad: "src"))
        }
        pads.append(original.to)
        var links: [Link] = []
        for index in 0...chain.steps.count {
            links.append(Link(
                from: pads[2 * index], to: pads[2 * index + 1],
                caps: index == chain.filterPosition ? original.caps : nil, span: original.span))
        }
        model.graph.links.replaceSubrange(link...link, with: links)
        model.reindex()
    }

    /// `factory` followed by the lowest number no node of `graph` is named with (`videoconvert0`).
    static func freeName(for factory: String, in graph: Graph) -> String {
        let taken = Set(graph.nodes.map(\.name))
        var number = 0
        while taken.contains("\(factory)\(number)") { number += 1 }
        return "\(factory)\(number)"
    }

    /// Fixes every link, upstream first: an element's candidates are what its fixed input turns into (a
    /// source: its domain), ordered by what downstream asks for (`preferences()`; the first branch of a tee
    /// first), then fixed
    /// by the element knowing its input. ANY stays ANY (untyped bytes, as fakesrc sends) unless the element
    /// fixes it.
    static func fixate(_ model: NegotiationModel, domains: [Caps]) throws(NegotiationError) -> [Caps] {
        let preferred = model.preferences()
        var fixed = [Caps?](repeating: nil, count: model.graph.links.count)
        for node in model.order {
            let outputs = model.outgoing[node]
            guard let first = outputs.first else { continue }
            let input = model.incoming[node].flatMap { fixed[$0] }
            let fixedInputs = model.inputs[node].compactMap { fixed[$0] }
            var candidate = domains[first]
            if !fixedInputs.isEmpty {
                candidate = model.srcTemplate(first)
                for caps in fixedInputs { candidate = model.transfer(caps, through: node, from: .sink).intersection(candidate) }
            }
            for link in outputs.reversed() {
                let narrowed = model.restrict(preferred[link], on: link).intersection(candidate)
                    .intersection(domains[link])
                if narrowed.isEmpty {
                    throw NegotiationDiagnosis.unfixable(model, link: link, candidate: candidate)
                }
                candidate = narrowed
            }
            // ANY goes to the element too: a source that learns its format elsewhere (appsrc's caps, the
            // caps an ipc_sink sends) fixes it there; others leave it ANY.
            var result: Caps
            if let aggregator = model.elements[node] as? any Aggregator {
                let pads = model.inputs[node].map { model.graph.links[$0].to.pad }
                result = aggregator.fixateOutput(candidate, inputs: fixedInputs, pads: pads)
            } else if candidate.isFixed {
                result = candidate
            } else {
                result = model.elements[node].fixate(candidate, on: .src, otherSide: input ?? .empty)
            }
            if !result.isFixed && !result.isAny { result = result.fixated() }
            if result.isEmpty { throw NegotiationDiagnosis.unfixable(model, link: first, candidate: candidate) }
            for link in outputs { fixed[link] = result }
        }
        var caps: [Caps] = []
        for (link, value) in fixed.enumerated() {
            guard let value else { throw NegotiationDiagnosis.unreachable(model, link: link) }
            caps.append(value)
        }
        return caps
    }
}
