import ParallaxCore

/// The size of the buffers each element's output pool lends, from the negotiated caps: shared by the
/// start of a run and by renegotiation.
///
/// ```
/// source:       outputSize(for: caps) ?? one video frame ?? 4096
/// transform:    outputSize(for: caps, inputSize: upstream slot) ?? one video frame ?? upstream slot
/// passthrough, queue: the upstream slot (they lend no buffers of their own)
/// aggregator:   as a transform, with its first input as upstream
/// ```
/// Pure functions; run on the control thread (or a source's streaming thread for a renegotiation).
enum SlotSizes {
    /// The slot size of every node's output, in node order (0 for nodes without an output).
    static func compute(graph: Graph, elements: [any Element], linkCaps: [Caps]) -> [Int] {
        var slotSize = Array(repeating: 0, count: graph.nodes.count)
        for node in graph.topologicalOrder() {
            let element = elements[node]
            let incoming = graph.links.indices.first { graph.links[$0].to.node == node }
            let outgoing = graph.links.indices.first { graph.links[$0].from.node == node }
            let upstream = incoming.map { slotSize[graph.links[$0].from.node] } ?? 4096
            guard let outgoing else { continue }
            let caps = linkCaps[outgoing]
            if !ownsPool(element) {
                slotSize[node] = upstream
            } else {
                slotSize[node] =
                    element.outputSize(for: caps, inputSize: upstream) ?? VideoInfo(caps: caps)?.size
                    ?? (element is any Source ? 4096 : upstream)
            }
        }
        return slotSize
    }

    /// Whether the element lends buffers from a pool of its own: sources and transforms that write new bytes.
    static func ownsPool(_ element: any Element) -> Bool {
        if element is any QueueBoundary { return false }
        if let transform = element as? any Transform { return !transform.isPassthrough }
        return element is any Source || element is any Aggregator
    }

    /// A pool for `slotSize`-byte buffers named after the element lending them.
    static func makePool(name: String, slotSize: Int) throws(PipelineError) -> BufferPool {
        let perArena = slotSize <= 65_536 ? 64 : 8
        do {
            return try BufferPool(slotSize: slotSize, slotsPerArena: perArena, maxArenas: 16, name: name)
        } catch {
            throw .resources("could not create the buffer pool of \(name): \(error)")
        }
    }
}
