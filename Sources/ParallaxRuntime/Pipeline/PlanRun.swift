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
    /// The branch selectors of `BranchSelecting` elements, by node.
    private var selectors: [Int: SelectingFanOutRunner] = [:]
    private var pools: [BufferPool] = []
    /// Carries out format changes while the run plays.
    let renegotiator: Renegotiator

    /// Configures and starts `elements` for `negotiated`; `planner` holds the element values negotiation
    /// reasons with, for renegotiation while playing.
    init(
        graph: Graph, elements: [any Element], negotiated: NegotiatedGraph, planner: RenegotiationPlanner, bus: Bus,
        clock: any PipelineClock
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
                if var aggregator = configured[node] as? any Aggregator {
                    let inputs = graph.inputLinks(to: node)
                    try Self.setInputCaps(
                        &aggregator, inputs.map { negotiated.linkCaps[$0] }, pads: inputs.map { graph.links[$0].to.pad })
                    configured[node] = aggregator
                }
                try configured[node].start()
                started.append(node)
            }
        } catch {
            for node in started { configured[node].stop() }
            let name = started.count < graph.nodes.count ? graph.nodes[started.count].name : "pipeline"
            throw .element(name, error)
        }
        let sizes = SlotSizes.compute(graph: graph, elements: configured, linkCaps: negotiated.linkCaps)
        renegotiator = Renegotiator(planner: planner, slotSizes: sizes, context: context)
        do {
            runners = try build(graph: graph, elements: configured, negotiated: negotiated, slotSize: sizes)
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

    private static func setInputCaps<A: Aggregator>(_ element: inout A, _ caps: [Caps], pads: [String])
        throws(ElementError)
    {
        try element.setInputCaps(caps, pads: pads)
    }

    /// Unwinds every streaming thread, waits for them, then closes element resources.
    /// Applies `updated` — the element of `node` with properties changed while playing — to a running
    /// aggregator (between two steps, on its thread) or output selector (from the next buffer). Throws, changing
    /// nothing, when the selector would select a pad that is not linked; false for other elements.
    func applyWhilePlaying(node: Int, updated: any Element, settings: [PropertySetting]) throws(ElementError) -> Bool {
        if let selector = selectors[node], let selecting = updated as? any BranchSelecting {
            selector.select(try selecting.activeBranch(among: selector.pads))
            return true
        }
        if let aggregator = runners.lazy.compactMap({ $0 as? any LiveSettableRunner }).first(where: { $0.node == node }) {
            aggregator.enqueue(settings)
            return true
        }
        return false
    }

    /// Asks the sources to end their streams, waking those that wait for data (as GStreamer's sources are
    /// unlocked by an EOS event); the flag is set first, so a woken source sees it and sends EOS.
    func requestEndOfStream() {
        context.requestEndOfStream()
        for runner in runners { runner.unlockForEndOfStream() }
    }

    func stop() {
        context.requestStop()
        for runner in runners { runner.unlock() }
        context.threads.waitForZero()
        for runner in runners { runner.stopElement() }
    }

    private func build(graph: Graph, elements: [any Element], negotiated: NegotiatedGraph, slotSize: [Int])
        throws(PipelineError) -> [NodeRunner]
    {
        var made = [NodeRunner?](repeating: nil, count: graph.nodes.count)
        for node in graph.topologicalOrder().reversed() {
            let name = graph.nodes[node].name
            let outputs = graph.links.indices.filter { graph.links[$0].from.node == node }.sorted {
                Graph.padOrder(graph.links[$0].from.pad, graph.links[$1].from.pad)
            }
            let branches = outputs.compactMap { runner(into: $0, of: graph, made: made) }
            var downstream: NodeRunner? =
                branches.count > 1
                ? FanOutRunner(name: "\(name):fan-out", branches: branches, context: context) : branches.first
            if let selecting = elements[node] as? any BranchSelecting, branches.count == outputs.count {
                let active: Int
                do {
                    active = try selecting.activeBranch(among: outputs.map { graph.links[$0].from.pad })
                } catch {
                    throw .element(name, error)
                }
                let selector = SelectingFanOutRunner(
                    name: "\(name):select", branches: branches, pads: outputs.map { graph.links[$0].from.pad },
                    active: active, context: context)
                selectors[node] = selector
                downstream = selector
            }
            let outCaps = negotiated.caps(from: node, pad: graph.links(from: node).first?.from.pad ?? "")
            let lends = downstream != nil && SlotSizes.ownsPool(elements[node])
            let pool = lends ? try self.pool(name, slotSize[node]) : nil
            let configuration = RunnerConfiguration(
                node: node, source: RenegotiationPlanner.root(of: node, in: graph), pool: pool, caps: outCaps)
            made[node] = try makeRunner(
                name: name, element: elements[node], downstream: downstream, configuration: configuration,
                inputs: graph.inputLinks(to: node).count)
        }
        return made.compactMap { $0 }
    }

    /// The runner that takes what travels on `link`: its downstream element's, or the pad of an aggregator.
    private func runner(into link: Int, of graph: Graph, made: [NodeRunner?]) -> NodeRunner? {
        let target = graph.links[link].to.node
        guard let aggregator = made[target] as? any AggregatingRunner else { return made[target] }
        return graph.inputLinks(to: target).firstIndex(of: link).map { aggregator.pads[$0] }
    }

    private func makeRunner(
        name: String, element: any Element, downstream: NodeRunner?, configuration: RunnerConfiguration,
        inputs: Int
    ) throws(PipelineError) -> NodeRunner {
        if let aggregator = element as? any Aggregator, let downstream {
            return aggregatorRunner(
                aggregator, name: name, inputs: inputs, downstream: downstream, configuration: configuration)
        }
        if let queue = element as? any QueueBoundary, let downstream {
            return QueueRunner(name: name, element: queue, downstream: downstream, context: context)
        }
        if let source = element as? any Source, let downstream {
            return sourceRunner(source, name: name, downstream: downstream, configuration: configuration)
        }
        if let transform = element as? any Transform, let downstream {
            return transformRunner(transform, name: name, downstream: downstream, configuration: configuration)
        }
        if let sink = element as? any Sink {
            return sinkRunner(sink, name: name, configuration: configuration)
        }
        throw .invalidGraph("\(name) is neither a source, a transform nor a sink with its pads linked", span: nil)
    }

    private func sourceRunner<S: Source>(
        _ element: S, name: String, downstream: NodeRunner, configuration: RunnerConfiguration
    ) -> NodeRunner {
        SourceRunner(
            name: name, element: element, configuration: configuration, renegotiator: renegotiator,
            downstream: downstream, context: context)
    }

    private func transformRunner<T: Transform>(
        _ element: T, name: String, downstream: NodeRunner, configuration: RunnerConfiguration
    ) -> NodeRunner {
        TransformRunner(
            name: name, element: element, configuration: configuration, renegotiator: renegotiator,
            downstream: downstream, context: context)
    }

    private func aggregatorRunner<A: Aggregator>(
        _ element: A, name: String, inputs: Int, downstream: NodeRunner, configuration: RunnerConfiguration
    ) -> NodeRunner {
        AggregatorRunner(
            name: name, element: element, inputs: inputs, configuration: configuration, downstream: downstream,
            context: context)
    }

    private func sinkRunner<K: Sink>(_ element: K, name: String, configuration: RunnerConfiguration) -> NodeRunner {
        SinkRunner(
            name: name, element: element, configuration: configuration, renegotiator: renegotiator, context: context)
    }

    private func pool(_ name: String, _ slotSize: Int) throws(PipelineError) -> BufferPool {
        let pool = try SlotSizes.makePool(name: name, slotSize: slotSize)
        pools.append(pool)
        return pool
    }
}
