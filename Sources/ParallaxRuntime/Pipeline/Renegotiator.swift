import ParallaxCore
import Synchronization

/// Carries out the renegotiations of one run: solves a change (`RenegotiationPlanner`), makes the buffer
/// pools the new formats need, and publishes the result for the runners of the source where it enters.
///
/// ```
/// request(change) ──► planner.plan ──► pools where a slot size changed ──► published[source]
/// source runner: before its next buffer takes published[source][k], configures itself, sends .caps ──►
/// every runner downstream: its (k+1)-th caps event ──► takes published[source][k], configures itself
/// ```
/// Old pools are not touched: buffers already lent by them stay valid and return to their arenas, which
/// live until the last of those buffers ends. Thread: `request` from the control thread or a source's
/// streaming thread (serialised by a mutex); lookups from streaming threads, at caps events only.
final class Renegotiator: Sendable {
    /// A published change and the pools made for it, by node.
    struct Reconfiguration: Sendable {
        /// What changes.
        let plan: RenegotiationPlan
        /// New output pools, for the nodes whose buffer size changed.
        let pools: [Int: BufferPool]
    }

    private struct State: Sendable {
        var planner: RenegotiationPlanner
        var slotSizes: [Int]
        var published: [Int: [Reconfiguration]] = [:]
    }

    private let state: Mutex<State>
    private let publishedTotal = Atomic<Int>(0)
    private let context: ExecutionContext
    /// The running graph (inserted converters included).
    let graph: Graph

    init(planner: RenegotiationPlanner, slotSizes: [Int], context: ExecutionContext) {
        self.graph = planner.current.graph
        self.state = Mutex(State(planner: planner, slotSizes: slotSizes))
        self.context = context
    }

    /// The caps running now, or about to once published changes have reached every link.
    var current: NegotiatedGraph { state.withLock { $0.planner.current } }

    /// How many changes have been published so far, over all sources: a cheap check for news.
    var publishedCount: Int { publishedTotal.load(ordering: .acquiring) }

    /// The `index`-th change published for the tree of `source`, if there is one yet.
    func reconfiguration(source: Int, index: Int) -> Reconfiguration? {
        state.withLock { state in
            guard let list = state.published[source], index < list.count else { return nil }
            return list[index]
        }
    }

    /// Solves `change` and publishes it; throws the negotiation diagnostic (nothing changes then).
    func request(_ change: RenegotiationPlanner.Change) throws(PipelineError) {
        try state.withLock { (state: inout State) throws(PipelineError) in
            var planner = state.planner
            let plan: RenegotiationPlan
            do throws(NegotiationError) {
                plan = try planner.plan(change)
            } catch {
                throw .negotiation(error)
            }
            guard !plan.isEmpty else {
                state.planner = planner
                return
            }
            var sizes = state.slotSizes
            var configured = planner.elements
            for (node, caps) in plan.reconfigured where configured[node] is any Transform {
                try? configured[node].setCaps(input: caps.input, output: caps.output)
            }
            let fresh = SlotSizes.compute(graph: graph, elements: configured, linkCaps: plan.linkCaps)
            var pools: [Int: BufferPool] = [:]
            for node in plan.tree where fresh[node] != sizes[node] {
                sizes[node] = fresh[node]
                guard SlotSizes.ownsPool(configured[node]) else { continue }
                pools[node] = try SlotSizes.makePool(name: graph.nodes[node].name, slotSize: fresh[node])
            }
            let context = self.context
            context.wakers.withLock { wakers in
                for pool in pools.values { wakers.append { pool.cancel() } }
            }
            if context.isStopping { for pool in pools.values { pool.cancel() } }
            state.planner = planner
            state.slotSizes = sizes
            state.published[plan.source, default: []].append(Reconfiguration(plan: plan, pools: pools))
            publishedTotal.add(1, ordering: .releasing)
        }
    }

    /// Posts the new caps of the links leaving `node` that `reconfiguration` changes: called by the runner
    /// of `node` as it switches, so the bus tells when each link changes format.
    func announce(_ reconfiguration: Reconfiguration, node: Int) {
        for index in reconfiguration.plan.changedLinks where graph.links[index].from.node == node {
            let link = graph.links[index]
            context.bus.post(
                .capsNegotiated(
                    from: "\(graph.nodes[link.from.node].name):\(link.from.pad)",
                    to: "\(graph.nodes[link.to.node].name):\(link.to.pad)", caps: reconfiguration.plan.linkCaps[index]))
        }
    }
}
