import ParallaxCore
import Synchronization

/// One run of a pipeline from PAUSED to READY: configured elements wrapped in runners, the link pools,
/// and the streaming threads.
///
/// ```
/// segment 1 (thread "fakesrc0"):  SourceRunner ─► TransformRunner ─► QueueRunner.push
/// segment 2 (thread "queue0"):    QueueRunner.drain ─► FanOutRunner ─► SinkRunner, SinkRunner
/// ```
/// Built on the control thread; segment boundaries are where a later executor can put a process boundary.
final class PlanRun: @unchecked Sendable {  // unchecked: built once on the control thread, then read-only
    let context: ExecutionContext
    /// Runners in graph order.
    private(set) var runners: [NodeRunner] = []
    private var pools: [BufferPool] = []

    init(
        graph: Graph, elements: [any Element], negotiated: NegotiatedGraph, bus: Bus, clock: any PipelineClock
    ) throws(PipelineError) {
        let sinks = elements.filter { $0 is any Sink }.count
        context = ExecutionContext(bus: bus, clock: clock, sinks: sinks)
        var configured = elements
        var started: [Int] = []
        do {
            for node in graph.nodes.indices {
                let input = graph.links.indices.first { graph.links[$0].to.node == node }.map { negotiated.linkCaps[$0] }
                let output = graph.links.indices.first { graph.links[$0].from.node == node }.map {
                    negotiated.linkCaps[$0]
                }
                try configured[node].setCaps(input: input, output: output)
                try configured[node].start()
                started.append(node)
            }
        } catch {
            for node in started { configured[node].stop() }
            let name = started.count < graph.nodes.count ? graph.nodes[started.count].name : "pipeline"
            throw .element(name, error)
        }
        do {
            runners = try build(graph: graph, elements: configured, negotiated: negotiated)
        } catch {
            for node in started { configured[node].stop() }
            throw error
        }
        let pools = self.pools
        context.wakers.withLock { wakers in
            for pool in pools { wakers.append { pool.cancel() } }
        }
        for runner in runners {
            do {
                try runner.startThreads()
            } catch {
                stop()
                throw error
            }
        }
    }

    /// Unwinds every streaming thread, waits for them, then closes element resources.
    func stop() {
        context.requestStop()
        for runner in runners { runner.unlock() }
        context.threads.waitForZero()
        for runner in runners { runner.stopElement() }
    }

    private func build(graph: Graph, elements: [any Element], negotiated: NegotiatedGraph) throws(PipelineError)
        -> [NodeRunner]
    {
        let order = graph.topologicalOrder()
        var slotSize = Array(repeating: 0, count: graph.nodes.count)
        for node in order {
            let element = elements[node]
            let incoming = graph.links.indices.first { graph.links[$0].to.node == node }
            let outgoing = graph.links.indices.first { graph.links[$0].from.node == node }
            let upstream = incoming.map { slotSize[graph.links[$0].from.node] } ?? 4096
            guard let outgoing else { continue }
            let caps = negotiated.linkCaps[outgoing]
            if let transform = element as? any Transform, transform.isPassthrough || element is any QueueBoundary {
                slotSize[node] = upstream
            } else {
                slotSize[node] = element.outputSize(for: caps, inputSize: upstream) ?? VideoInfo(caps: caps)?.size
                    ?? (element is any Source ? 4096 : upstream)
            }
        }
        var made = [NodeRunner?](repeating: nil, count: graph.nodes.count)
        for node in order.reversed() {
            let name = graph.nodes[node].name
            let branches = graph.links(from: node).compactMap { made[$0.to.node] }
            let downstream: NodeRunner? =
                branches.count > 1
                ? FanOutRunner(name: "\(name):fan-out", branches: branches, context: context) : branches.first
            let outCaps = negotiated.caps(from: node, pad: graph.links(from: node).first?.from.pad ?? "") ?? .any
            made[node] = try makeRunner(
                name: name, element: elements[node], downstream: downstream, caps: outCaps, slotSize: slotSize[node])
        }
        return made.compactMap { $0 }
    }

    private func makeRunner(
        name: String, element: any Element, downstream: NodeRunner?, caps: Caps, slotSize: Int
    ) throws(PipelineError) -> NodeRunner {
        if let queue = element as? any QueueBoundary, let downstream {
            return QueueRunner(name: name, element: queue, downstream: downstream, context: context)
        }
        if let source = element as? any Source, let downstream {
            return sourceRunner(source, name: name, downstream: downstream, caps: caps, pool: try pool(name, slotSize))
        }
        if let transform = element as? any Transform, let downstream {
            let pool = transform.isPassthrough ? nil : try self.pool(name, slotSize)
            return transformRunner(transform, name: name, downstream: downstream, pool: pool)
        }
        if let sink = element as? any Sink {
            return sinkRunner(sink, name: name)
        }
        throw .invalidGraph("\(name) is neither a source, a transform nor a sink with its pads linked", span: nil)
    }

    private func sourceRunner<S: Source>(
        _ element: S, name: String, downstream: NodeRunner, caps: Caps, pool: BufferPool
    ) -> NodeRunner {
        SourceRunner(name: name, element: element, pool: pool, caps: caps, downstream: downstream, context: context)
    }

    private func transformRunner<T: Transform>(
        _ element: T, name: String, downstream: NodeRunner, pool: BufferPool?
    ) -> NodeRunner {
        TransformRunner(name: name, element: element, pool: pool, downstream: downstream, context: context)
    }

    private func sinkRunner<K: Sink>(_ element: K, name: String) -> NodeRunner {
        SinkRunner(name: name, element: element, context: context)
    }

    private func pool(_ name: String, _ slotSize: Int) throws(PipelineError) -> BufferPool {
        let perArena = slotSize <= 65_536 ? 64 : 8
        do {
            let pool = try BufferPool(slotSize: slotSize, slotsPerArena: perArena, maxArenas: 16, name: name)
            pools.append(pool)
            return pool
        } catch {
            throw .resources("could not create the buffer pool of \(name): \(error)")
        }
    }
}
