/// The constraint model of one negotiation: the graph, its element instances, and the caps domains of its
/// links computed from pad templates, caps filters, process boundaries and the elements' transfer functions.
///
/// ```
///            produced(l)                    accepted(l)
///  from ──── (what upstream can send) ─ filter ─ (what `to` and everything after it takes) ──── to
///  domain(l) = the fixed point of both directions over the whole graph (tee branches included)
/// ```
/// The pipeline graph is acyclic, so sweeping forward in topological order and backward in reverse order
/// reaches the fixed point in a few rounds; the loop stops when nothing narrows. An element with several inputs
/// (an `Aggregator`) treats each like a transform's input: its output can be only what every input allows.
/// Pure value; runs on the control thread.
struct NegotiationModel {
    var graph: Graph
    var elements: [any Element]
    /// Node ids, upstream first.
    private(set) var order: [Int] = []
    /// The link entering each node, if any (the first, for an aggregator).
    private(set) var incoming: [Int?] = []
    /// Every link entering each node, in pad order (several for an aggregator).
    private(set) var inputs: [[Int]] = []
    /// The links leaving each node, in link order.
    private(set) var outgoing: [[Int]] = []

    init(graph: Graph, elements: [any Element]) {
        self.graph = graph
        self.elements = elements
        reindex()
    }

    /// Recomputes the order and adjacency after the graph changed.
    mutating func reindex() {
        order = graph.topologicalOrder()
        incoming = Array(repeating: nil, count: graph.nodes.count)
        inputs = Array(repeating: [], count: graph.nodes.count)
        outgoing = Array(repeating: [], count: graph.nodes.count)
        for node in graph.nodes.indices { inputs[node] = graph.inputLinks(to: node) }
        for (index, link) in graph.links.enumerated() {
            if incoming[link.to.node] == nil { incoming[link.to.node] = index }
            outgoing[link.from.node].append(index)
        }
    }

    func name(_ node: Int) -> String { graph.nodes[node].name }

    /// The template of the pad `pad` of node `node`, ANY when the element declares none for it.
    func template(_ node: Int, pad: String) -> Caps {
        type(of: elements[node]).padTemplates.first { $0.matches(pad) }?.caps ?? .any
    }

    /// The caps the upstream end of `link` may carry (its src pad template).
    func srcTemplate(_ link: Int) -> Caps { template(graph.links[link].from.node, pad: graph.links[link].from.pad) }

    /// The caps the downstream end of `link` may take (its sink pad template).
    func sinkTemplate(_ link: Int) -> Caps { template(graph.links[link].to.node, pad: graph.links[link].to.pad) }

    /// Whether `link` joins two nodes that run in different processes: a node asking for isolation runs alone,
    /// nodes of one named group share a host, nodes asking nothing share the pipeline's process.
    func crossesProcess(_ link: Int) -> Bool {
        let a = graph.nodes[graph.links[link].from.node].isolation
        let b = graph.nodes[graph.links[link].to.node].isolation
        if a == .isolated || b == .isolated { return true }
        return a != b
    }

    /// `caps` narrowed by what `link` itself imposes: its caps filter (whose preference order wins) and, across
    /// a process boundary, memory that can be passed by descriptor.
    func restrict(_ caps: Caps, on link: Int) -> Caps {
        var result = caps
        if let filter = graph.links[link].caps { result = filter.intersection(result) }
        if crossesProcess(link) { result = result.passableAcrossProcesses }
        return result
    }

    /// What the element of `node` turns `caps` on one side into on the other, EMPTY for EMPTY.
    func transfer(_ caps: Caps, through node: Int, from direction: PadDirection) -> Caps {
        caps.isEmpty ? .empty : elements[node].transformCaps(caps, from: direction)
    }

    /// Forward only: what can reach each link from the sources, before the link's own filter.
    ///
    /// A link in conflict (a stream arrives but none of it passes) does not empty what follows: the element
    /// after it is taken to receive anything its sink pad takes, as it will once a converter repairs the
    /// link. So every conflict of a chain is seen at once, not only the first (`videotestsrc ! vulkanconvert !
    /// vulkanscale ! video/x-raw,format=I420 ! fakesink` needs an upload before and a download after).
    func produced() -> [Caps] {
        var result = [Caps](repeating: .empty, count: graph.links.count)
        for node in order {
            for link in outgoing[node] {
                var caps = srcTemplate(link)
                for input in inputs[node] {
                    var arriving = restrict(result[input], on: input).intersection(sinkTemplate(input))
                    if arriving.isEmpty, !result[input].isEmpty { arriving = sinkTemplate(input) }
                    caps = transfer(arriving, through: node, from: .sink).intersection(caps)
                }
                result[link] = caps
            }
        }
        return result
    }

    /// Backward only: what the downstream end of each link and everything after it accept, after the link's
    /// filter, in downstream's order of preference.
    ///
    /// As in `produced()`, a link in conflict does not empty what precedes it: the element before it is taken
    /// to be free to send anything its src pad sends, as it will once a converter repairs the link.
    func accepted() -> [Caps] {
        var result = [Caps](repeating: .any, count: graph.links.count)
        for node in order.reversed() {
            for input in inputs[node] {
                var caps = sinkTemplate(input)
                for link in outgoing[node] {
                    var leaving = restrict(result[link], on: link).intersection(srcTemplate(link))
                    if leaving.isEmpty, !result[link].isEmpty { leaving = srcTemplate(link) }
                    caps = transfer(leaving, through: node, from: .src).intersection(caps)
                }
                result[input] = caps
            }
        }
        return result
    }

    /// What the input of fan-out `node` may take so that at least one of its branches accepts it.
    private func acceptedByAnyBranch(_ node: Int, _ accepted: [Caps]) -> Caps {
        guard let input = incoming[node] else { return .empty }
        var union = Caps.empty
        for link in outgoing[node] {
            let leaving = restrict(accepted[link], on: link).intersection(srcTemplate(link))
            union = union.union(transfer(leaving, through: node, from: .src))
        }
        return union.intersection(sinkTemplate(input))
    }

    /// Backward only, and without the pad templates of transforms: what downstream *asks for*, in its order
    /// of preference — caps filters, the templates of sinks, and what transforms make of them. A transform's
    /// own template lists every format it handles, which is no preference; leaving templates out keeps
    /// upstream's order where nothing downstream cares (`videotestsrc ! videoscale ! fakesink` stays BGRA).
    func preferences() -> [Caps] {
        var result = [Caps](repeating: .any, count: graph.links.count)
        for node in order.reversed() {
            for input in inputs[node] {
                var caps = outgoing[node].isEmpty ? sinkTemplate(input) : .any
                for link in outgoing[node] {
                    caps = transfer(restrict(result[link], on: link), through: node, from: .src).intersection(caps)
                }
                result[input] = caps
            }
        }
        return result
    }

    /// Both directions to a fixed point: the caps each link can carry given every constraint of the graph.
    func domains() -> [Caps] {
        var domain = graph.links.indices.map { restrict(srcTemplate($0), on: $0).intersection(sinkTemplate($0)) }
        for _ in 0..<(2 * graph.links.count + 4) {
            var changed = false
            func narrow(_ link: Int, by caps: Caps) {
                let next = domain[link].intersection(caps)
                if next != domain[link] {
                    domain[link] = next
                    changed = true
                }
            }
            for node in order {
                for input in inputs[node] {
                    for link in outgoing[node] { narrow(link, by: transfer(domain[input], through: node, from: .sink)) }
                }
            }
            for node in order.reversed() {
                for input in inputs[node] {
                    for link in outgoing[node] { narrow(input, by: transfer(domain[link], through: node, from: .src)) }
                }
            }
            if !changed { break }
        }
        return domain
    }

    /// Where the graph cannot agree, and the two sides a converter chain would have to bridge there.
    struct Conflict {
        /// The link to split.
        var link: Int
        /// What arrives at the link from upstream (before its filter).
        var upstream: Caps
        /// What the downstream side accepts (after the filter).
        var downstream: Caps
    }

    /// The first place, upstream first, where what is produced and what is accepted do not meet; for a fan-out
    /// (tee) whose branches disagree, the first branch that cannot take what the branches before it agreed on.
    ///
    /// A link into a fan-out is judged by what *some* branch accepts, so branches that disagree with each
    /// other get converters on the branches, after the tee, rather than before it.
    func conflict() -> Conflict? {
        let produced = produced(), accepted = accepted()
        for node in order {
            for link in outgoing[node] where !produced[link].isEmpty {
                let target = graph.links[link].to.node
                let wanted = outgoing[target].count > 1 ? acceptedByAnyBranch(target, accepted) : accepted[link]
                if !wanted.isEmpty, restrict(produced[link], on: link).intersection(wanted).isEmpty {
                    return Conflict(link: link, upstream: produced[link], downstream: wanted)
                }
            }
        }
        for node in order where inputs[node].count > 1 {
            if let conflict = inputConflict(node, produced: produced, accepted: accepted) { return conflict }
        }
        for node in order where outgoing[node].count > 1 {
            var agreed = produced[outgoing[node][0]]
            guard !agreed.isEmpty else { continue }
            for link in outgoing[node] {
                let kept = restrict(agreed, on: link).intersection(accepted[link])
                if kept.isEmpty { return Conflict(link: link, upstream: agreed, downstream: accepted[link]) }
                agreed = kept
            }
        }
        return nil
    }

    /// For an element with several inputs: the first input whose stream cannot meet what the inputs before it
    /// agreed on, as the element's output sees them (a compositor's pads must share one format).
    private func inputConflict(_ node: Int, produced: [Caps], accepted: [Caps]) -> Conflict? {
        var agreed: Caps?
        for link in inputs[node] where !produced[link].isEmpty {
            let arriving = restrict(produced[link], on: link).intersection(accepted[link])
            let asOutput = transfer(arriving, through: node, from: .sink)
            guard let before = agreed else {
                agreed = asOutput
                continue
            }
            let kept = before.intersection(asOutput)
            if kept.isEmpty {
                let wanted = transfer(before, through: node, from: .src).intersection(accepted[link])
                return Conflict(link: link, upstream: produced[link], downstream: wanted)
            }
            agreed = kept
        }
        return nil
    }
}
