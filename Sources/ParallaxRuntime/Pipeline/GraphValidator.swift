import ParallaxCore

/// Checks that a graph can run before any element is made: known factories, pads that exist, every pad
/// linked once, one input per element except aggregators (request sink pads), no cycles. Each check is a small function in order.
struct GraphValidator {
    let graph: Graph
    let registry: ElementRegistry

    func validate() throws(PipelineError) {
        try checkNodes()
        try checkLinks()
        try checkEveryPadLinked()
        try checkAcyclic()
    }

    private func info(_ node: Node) throws(PipelineError) -> ElementInfo {
        guard let entry = registry[node.factory] else {
            let hint = registry.suggestions(for: node.factory).first.map { " (did you mean \"\($0)\"?)" } ?? ""
            throw .invalidGraph("no element \"\(node.factory)\"\(hint)", span: node.span)
        }
        return entry.info
    }

    private func checkNodes() throws(PipelineError) {
        guard !graph.nodes.isEmpty else { throw .invalidGraph("the pipeline has no elements", span: nil) }
        var names = Set<String>()
        for (index, node) in graph.nodes.enumerated() {
            guard node.id == index else {
                throw .invalidGraph("node \(node.name) has id \(node.id) but sits at index \(index)", span: node.span)
            }
            guard names.insert(node.name).inserted else {
                throw .invalidGraph("two elements are named \"\(node.name)\"", span: node.span)
            }
            _ = try info(node)
        }
    }

    private func checkLinks() throws(PipelineError) {
        var used = Set<PadRef>()
        for link in graph.links {
            guard graph.nodes.indices.contains(link.from.node), graph.nodes.indices.contains(link.to.node) else {
                throw .invalidGraph("a link names an element that is not in the graph", span: link.span)
            }
            let from = graph.nodes[link.from.node], to = graph.nodes[link.to.node]
            guard let out = try info(from).template(forPad: link.from.pad), out.direction == .src else {
                throw .invalidGraph("\(from.name) has no src pad \"\(link.from.pad)\"", span: link.span ?? from.span)
            }
            guard let input = try info(to).template(forPad: link.to.pad), input.direction == .sink else {
                throw .invalidGraph("\(to.name) has no sink pad \"\(link.to.pad)\"", span: link.span ?? to.span)
            }
            for pad in [link.from, link.to] where !used.insert(pad).inserted {
                throw .invalidGraph(
                    "pad \(graph.nodes[pad.node].name).\(pad.pad) is linked twice", span: link.span)
            }
        }
        for node in graph.nodes where graph.links(to: node.id).count > 1 {
            guard try info(node).padTemplates.contains(where: { $0.direction == .sink && $0.presence == .request })
            else {
                throw .invalidGraph(
                    "\(node.name) has \(graph.links(to: node.id).count) inputs, but a \(node.factory) takes one",
                    span: node.span)
            }
        }
    }

    private func checkEveryPadLinked() throws(PipelineError) {
        for node in graph.nodes {
            let info = try info(node)
            for template in info.padTemplates where template.presence == .always {
                let linked = graph.links.contains {
                    (template.direction == .src ? $0.from : $0.to) == PadRef(node: node.id, pad: template.name)
                }
                if !linked {
                    let side = template.direction == .src ? "src" : "sink"
                    throw .invalidGraph(
                        "\(node.name)'s \(side) pad \"\(template.name)\" is not linked", span: node.span)
                }
            }
            if info.padTemplates.contains(where: { $0.direction == .src && $0.presence == .request }),
                graph.links(from: node.id).isEmpty
            {
                throw .invalidGraph("\(node.name) has no linked src pads", span: node.span)
            }
            if info.padTemplates.contains(where: { $0.direction == .sink && $0.presence == .request }),
                graph.links(to: node.id).isEmpty
            {
                throw .invalidGraph("\(node.name) has no linked sink pads", span: node.span)
            }
        }
    }

    private func checkAcyclic() throws(PipelineError) {
        // Nodes on a cycle (or behind one) never reach in-degree zero, so the order leaves them out.
        let ordered = Set(graph.topologicalOrder())
        if let node = graph.nodes.first(where: { !ordered.contains($0.id) }) {
            throw .invalidGraph("the graph has a cycle through \(node.name)", span: node.span)
        }
    }
}
