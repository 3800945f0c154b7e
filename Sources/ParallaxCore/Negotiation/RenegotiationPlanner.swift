/// Re-solves a negotiated graph when a format changes mid-stream: a source asking for new caps, or a
/// property (a capsfilter's `caps`) set while the pipeline plays.
///
/// ```
/// current (graph, link caps, element values, pinned source caps)
///   + change ──► negotiator.negotiate(graph with each pinned source's caps as a filter on its links)
///            ──► same nodes?  no ─► error naming the converters that would have to be inserted
///            ──► yes: new caps on the changed source's tree, the rest kept ─► RenegotiationPlan
/// ```
/// The whole graph is solved again with the new constraint, so the result is what negotiation from the start
/// would give (deterministic), but only the tree of the source where the change enters is changed. Converters
/// cannot be inserted while playing: buffers already in flight would have no place to go through them.
/// ```swift
/// var planner = RenegotiationPlanner(negotiated: result, elements: elements, negotiator: GlobalNegotiator())
/// let plan = try planner.plan(.property(node: 1, PropertySetting(name: "caps", value: .caps(half), text: "")))
/// plan.changedLinks   // [1, 2]
/// ```
/// Pure value: nothing changes if `plan` throws. Thread: whoever holds it (the pipeline serialises calls).
package struct RenegotiationPlanner: Sendable {
    /// A change to plan for.
    package enum Change: Sendable {
        /// The source at `node` switches its output to `caps`.
        case sourceCaps(node: Int, Caps)
        /// The element at `node` gets a new property value.
        case property(node: Int, PropertySetting)
    }

    /// The graph and caps running now (inserted converters included, no pins in the filters).
    package private(set) var current: NegotiatedGraph
    /// The element values negotiation reasons with, in node order, properties as last set.
    package private(set) var elements: [any Element]
    /// The caps sources asked for mid-stream, kept for every later solve.
    private var pinned: [Int: Caps] = [:]
    private let negotiator: any Negotiator
    /// Nodes whose running element cannot be configured again (it runs in an element host).
    private let fixedNodes: Set<Int>

    /// A planner starting from the negotiation the run started with; a change that would configure one of
    /// `fixedNodes` again is refused.
    package init(
        negotiated: NegotiatedGraph, elements: [any Element], negotiator: any Negotiator, fixedNodes: Set<Int> = []
    ) {
        self.current = negotiated
        self.elements = elements
        self.negotiator = negotiator
        self.fixedNodes = fixedNodes
    }

    /// Solves the graph with `change` and, on success, makes the result current.
    /// Throws the negotiator's diagnostic, or one naming the converters that would need inserting.
    package mutating func plan(_ change: Change) throws(NegotiationError) -> RenegotiationPlan {
        var elements = self.elements
        var pinned = self.pinned
        var properties: [Int: [PropertySetting]] = [:]
        let changed: Int
        switch change {
        case .sourceCaps(let node, let caps):
            pinned[node] = caps
            changed = node
        case .property(let node, let setting):
            do {
                elements[node] = try elements[node].applying([setting])
            } catch {
                throw NegotiationError(message: error.message, span: current.graph.nodes[node].span)
            }
            properties[node] = [setting]
            changed = node
        }
        let graph = current.graph
        var constrained = graph
        for (node, caps) in pinned {
            for index in constrained.links.indices where constrained.links[index].from.node == node {
                constrained.links[index].caps = constrained.links[index].caps.map { $0.intersection(caps) } ?? caps
            }
        }
        let solved: NegotiatedGraph
        do {
            solved = try negotiator.negotiate(constrained, elements: elements)
        } catch {
            var error = error
            if case .sourceCaps(let node, let caps) = change {
                error.notes.insert("\(graph.nodes[node].name) changed its output to \(caps) while playing", at: 0)
            }
            throw error
        }
        if solved.graph.nodes.count != graph.nodes.count {
            throw Self.insertionNeeded(Array(solved.graph.nodes[graph.nodes.count...]), in: graph)
        }
        let source = Self.root(of: changed, in: graph)
        let tree = Self.tree(from: source, in: graph)
        let members = Set(tree)
        var linkCaps = current.linkCaps
        var changedLinks: [Int] = []
        for (index, link) in graph.links.enumerated()
        where members.contains(link.from.node) && solved.linkCaps[index] != linkCaps[index] {
            linkCaps[index] = solved.linkCaps[index]
            changedLinks.append(index)
        }
        var reconfigured: [Int: RenegotiationPlan.NodeCaps] = [:]
        for index in changedLinks {
            for node in [graph.links[index].from.node, graph.links[index].to.node] {
                let input = graph.links.indices.first { graph.links[$0].to.node == node }.map { linkCaps[$0] }
                let output = graph.links.indices.first { graph.links[$0].from.node == node }.map { linkCaps[$0] }
                reconfigured[node] = RenegotiationPlan.NodeCaps(input: input, output: output)
            }
        }
        let touched = Set(reconfigured.keys).union(properties.keys).intersection(fixedNodes)
        if let node = touched.min() {
            let name = graph.nodes[node].name
            throw NegotiationError(
                message: "\(name) cannot change format while playing: it runs in an element host, "
                    + "which keeps the caps it started with",
                span: graph.nodes[node].span, help: "run \(name) in the pipeline's process to change formats while playing")
        }
        self.elements = elements
        self.pinned = pinned
        self.current = NegotiatedGraph(graph: graph, linkCaps: linkCaps)
        return RenegotiationPlan(
            source: source, tree: tree, linkCaps: linkCaps, changedLinks: changedLinks, reconfigured: reconfigured,
            properties: properties)
    }

    /// The source at the top of `node`'s tree (the graph is a forest: one input per element).
    package static func root(of node: Int, in graph: Graph) -> Int {
        var node = node
        var seen: Set<Int> = [node]
        while let link = graph.links.first(where: { $0.to.node == node }), seen.insert(link.from.node).inserted {
            node = link.from.node
        }
        return node
    }

    /// `source` and every node downstream of it, upstream first.
    package static func tree(from source: Int, in graph: Graph) -> [Int] {
        var reached: Set<Int> = [source]
        var tree: [Int] = []
        for node in graph.topologicalOrder() where reached.contains(node) {
            tree.append(node)
            for link in graph.links(from: node) { reached.insert(link.to.node) }
        }
        return tree
    }

    /// The error for a change that only converters the running graph lacks could make work.
    static func insertionNeeded(_ nodes: [Node], in graph: Graph) -> NegotiationError {
        let names = nodes.map { "\($0.factory)" }.joined(separator: ", ")
        let notes = nodes.map { node in
            let place = node.insertion.map { " between \($0.upstream) and \($0.downstream)" } ?? ""
            return "\(node.name) (\(node.factory)) would go\(place)"
        }
        let span = nodes.first?.insertion.flatMap { graph.node(named: $0.upstream)?.span }
        return NegotiationError(
            message: "the new format needs \(names) inserted, and converters cannot be inserted while playing",
            span: span, notes: notes,
            help: "write \(names) into the pipeline where the notes say; it is configured again on a format change")
    }
}
