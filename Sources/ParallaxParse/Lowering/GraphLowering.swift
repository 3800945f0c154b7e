import ParallaxCore

/// Builds the `Graph` of a description that every validator accepted.
///
/// Node `i` is element `i` in order of appearance, with its name, its properties in the order written and
/// the span of its factory name; links follow the order of their `!`, with their pads, caps filter and span.
enum GraphLowering {
    /// The graph for `syntax`, from a complete `analysis`.
    static func graph(_ syntax: LaunchSyntax, _ analysis: LaunchAnalysis) throws(DiagnosticError) -> Graph {
        let nodes = syntax.elements.enumerated().map { index, element in
            Node(
                id: index, factory: element.factory, name: analysis.names[index],
                properties: analysis.properties[index], span: element.factorySpan)
        }
        var links: [Link] = []
        for (index, link) in syntax.links.enumerated() {
            // Every validator either resolved a link or reported a problem with it, so this only guards.
            guard let pads = analysis.pads[index] else {
                throw DiagnosticError("internal error: this link could not be resolved", link.span)
            }
            links.append(Link(from: pads.from, to: pads.to, caps: analysis.caps[index], span: link.span))
        }
        return Graph(nodes: nodes, links: links)
    }
}
