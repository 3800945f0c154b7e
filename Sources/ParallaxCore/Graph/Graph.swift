/// The pipeline graph IR: plain data that both front ends produce and the executor runs.
///
/// ```
/// nodes:  0 videotestsrc ─src→sink─ 1 tee ─src_0→sink─ 2 queue ─src→sink─ 3 fakesink
///                                        └src_1→sink─ 4 queue ─src→sink─ 5 filesink
/// links:  each (from pad, to pad, optional caps filter, source span)
/// ```
/// Nodes are indexed by `id` (equal to their position). Pure value type.
public struct Graph: Sendable, Hashable, Codable {
    /// The elements, `nodes[i].id == i`.
    public var nodes: [Node]
    /// The connections.
    public var links: [Link]

    /// Creates a graph.
    public init(nodes: [Node] = [], links: [Link] = []) {
        self.nodes = nodes
        self.links = links
    }

    /// The node called `name`, if any.
    public func node(named name: String) -> Node? { nodes.first { $0.name == name } }

    /// Links leaving node `id`, in order.
    public func links(from id: Int) -> [Link] { links.filter { $0.from.node == id } }

    /// Links entering node `id`, in order.
    public func links(to id: Int) -> [Link] { links.filter { $0.to.node == id } }

    /// The indices of the links entering node `id`, ordered by the sink pad's name with numbers compared as
    /// numbers (`sink_2` before `sink_10`): the pad order an aggregator sees.
    public func inputLinks(to id: Int) -> [Int] {
        links.indices.filter { links[$0].to.node == id }.sorted { Self.padOrder(links[$0].to.pad, links[$1].to.pad) }
    }

    /// Whether pad `a` comes before pad `b`: by name, with a trailing number compared as a number
    /// (`sink_2` before `sink_10`).
    public static func padOrder(_ a: String, _ b: String) -> Bool {
        func key(_ pad: String) -> (String, Int) {
            let digits = pad.reversed().prefix { $0.isNumber }
            return (String(pad.dropLast(digits.count)), Int(String(digits.reversed())) ?? -1)
        }
        return key(a) < key(b)
    }

    /// The graph without source spans or Swift type names, for comparing graphs built in different ways.
    public var canonical: Graph {
        var copy = self
        for i in copy.nodes.indices {
            copy.nodes[i].span = nil
            copy.nodes[i].typeName = nil
            for j in copy.nodes[i].properties.indices { copy.nodes[i].properties[j].span = nil }
        }
        for i in copy.links.indices { copy.links[i].span = nil }
        copy.links.sort { ($0.from.node, $0.from.pad, $0.to.node) < ($1.from.node, $1.from.pad, $1.to.node) }
        return copy
    }
}
