extension Graph {
    /// Node ids with every node after all nodes upstream of it (Kahn's algorithm; graph order breaks ties).
    /// Nodes on a cycle are left out.
    public func topologicalOrder() -> [Int] {
        var indegree = Array(repeating: 0, count: nodes.count)
        for link in links { indegree[link.to.node] += 1 }
        var ready = nodes.indices.filter { indegree[$0] == 0 }
        var order: [Int] = []
        var next = 0
        while next < ready.count {
            let node = ready[next]
            next += 1
            order.append(node)
            for link in links where link.from.node == node {
                indegree[link.to.node] -= 1
                if indegree[link.to.node] == 0 { ready.append(link.to.node) }
            }
        }
        return order
    }
}
