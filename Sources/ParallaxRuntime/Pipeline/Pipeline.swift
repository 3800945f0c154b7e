import ParallaxCore
import Synchronization

/// A runnable pipeline: a graph of elements, its negotiated formats, streaming threads and a bus.
///
/// ```swift
/// let pipeline = try Pipeline(graph, registry: .stock)      // or Pipeline(launch:) from the Parallax module
/// Task { for await message in pipeline.bus { print(message) } }
/// try await pipeline.run()                                   // PLAYING until EOS or an error, then NULL
/// ```
/// Each source and each `queue` starts a segment with its own streaming thread; inside a segment
/// buffers move by plain calls. Thread: control methods from any thread or task; they are serialised.
public final class Pipeline: Sendable {
    /// The graph this pipeline runs.
    public let graph: Graph
    /// Messages from the pipeline and its elements.
    public let bus = Bus()
    /// The clock the pipeline runs on.
    public let clock: any PipelineClock

    private let registry: ElementRegistry
    private let negotiator: any Negotiator
    /// Where elements run; nil runs every element in this process.
    public let placement: (any ElementPlacement)?
    private let control: Mutex<Control>

    private struct Control: @unchecked Sendable {  // unchecked: only touched under the pipeline's mutex
        var machine = PipelineStateMachine()
        /// The element values, properties as last set (the running copies live in the runners).
        var elements: [any Element]
        var run: PlanRun?
        var negotiated: NegotiatedGraph?
        var finalStatistics: [ElementStatistics] = []

        init(elements: [any Element]) { self.elements = elements }
    }

    /// Builds a pipeline from `graph`, making each node's element from `registry` with its properties.
    /// Throws `.invalidGraph` naming the node or link at fault.
    ///
    /// Negotiation is global (`GlobalNegotiator`) and inserts the converters of `registry` (videoconvert,
    /// videoscale, audioconvert, audioresample in the stock set) where elements cannot agree; `strict: true`
    /// makes such a link a negotiation error instead, with the converters to insert as its suggestion.
    /// A `negotiator` given explicitly replaces both.
    ///
    /// `instances`, when given, are the element values for the nodes in order (the typed builder passes the
    /// values as written, so handles such as appsink's stream stay shared); each must be of its node's factory.
    public init(
        _ graph: Graph, registry: ElementRegistry, clock: (any PipelineClock)? = nil, strict: Bool = false,
        negotiator: (any Negotiator)? = nil, instances: [any Element]? = nil,
        placement: (any ElementPlacement)? = nil
    ) throws(PipelineError) {
        try GraphValidator(graph: graph, registry: registry).validate()
        var made: [any Element] = []
        if let instances {
            guard instances.count == graph.nodes.count else {
                throw .invalidGraph("\(instances.count) element values for \(graph.nodes.count) nodes", span: nil)
            }
            for (node, instance) in zip(graph.nodes, instances) where type(of: instance).factoryName != node.factory {
                throw .invalidGraph(
                    "\(node.name) is a \(node.factory), not a \(type(of: instance).factoryName)", span: node.span)
            }
            made = instances
        } else {
            for node in graph.nodes { made.append(try Self.make(node, from: registry)) }
        }
        self.graph = graph
        self.control = Mutex(Control(elements: made))
        self.registry = registry
        self.clock = clock ?? MonotonicClock()
        self.negotiator = negotiator ?? GlobalNegotiator(converters: ConverterRegistry(registry), strict: strict)
        self.placement = placement
    }

    /// Where each element runs, one line per node (empty when every element runs in this process).
    public var placementDescription: [String] {
        placement?.describe(graph, elements: control.withLock { $0.elements }) ?? []
    }

    deinit {
        // Dropping a running pipeline stops it: no streaming thread outlives its pipeline.
        control.withLock { $0.run }?.stop()
    }

    /// The current state.
    public var state: PipelineState { control.withLock { $0.machine.state } }

    /// The negotiated formats and inserted converters, once the pipeline has reached PAUSED; after a
    /// renegotiation, the caps it chose (links switch to them as the change travels down the stream).
    public var negotiated: NegotiatedGraph? {
        control.withLock { $0.run?.renegotiator.current ?? $0.negotiated }
    }

    /// The element made for the node called `name` (for shared handles such as appsink's stream), with its
    /// properties as last set.
    public func element(named name: String) -> (any Element)? {
        control.withLock { control in graph.nodes.firstIndex { $0.name == name }.map { control.elements[$0] } }
    }

    /// Buffer and byte counters of every element, in graph order: live while running, and those of the
    /// last run once the pipeline has stopped (empty before the first run).
    public var statistics: [ElementStatistics] {
        control.withLock { $0.run?.runners.map(\.statistics) ?? $0.finalStatistics }
    }

    /// Negotiates without changing state or starting anything: the graph that would run (inserted converters
    /// included) with the fixed caps of every link. What `--graph-json` shows.
    public func negotiate() throws(PipelineError) -> NegotiatedGraph {
        var elements = control.withLock { $0.elements }
        try HeaderDiscovery.apply(to: &elements, in: graph)
        do {
            return try negotiator.negotiate(graph, elements: elements)
        } catch {
            throw .negotiation(error)
        }
    }

    /// Sets the property `name` of the element called `element` to `value`, in any state.
    ///
    /// Before PAUSED this only changes the element; the next negotiation uses the new value. While PAUSED or
    /// PLAYING the graph is negotiated again with it (renegotiation, see `RenegotiationPlanner`): when the
    /// formats can follow, the change travels down the stream in-band from the source of the element's branch,
    /// and every element takes its part (the new value, `setCaps` where its caps change, a new output pool
    /// where its buffer size changes) between the last buffer of the old format and the first of the new,
    /// so nothing is dropped and nothing is processed with the wrong caps. The change applies from the next
    /// buffer the source hands on (a source blocked inside `produce`, such as appsrc waiting for data, hands
    /// on that buffer first if the change alters its own format). The bus posts `capsNegotiated` for each
    /// link as it switches.
    ///
    /// Elements with several inputs (`Aggregator`: `input-selector`'s `active-pad`, `compositor`'s pad positions,
    /// `audiomixer`'s pad volumes) take a change between two output steps, and output selectors
    /// (`BranchSelecting`) from the next buffer; no caps change. An `active-pad` of an output selector that is not
    /// linked throws `.invalidGraph` and changes nothing; an aggregator that finds its new properties do not fit
    /// its pads fails the pipeline with its error.
    ///
    /// When the formats cannot follow — the new caps are unreachable, or they need a converter the running
    /// graph does not have (converters are not inserted while playing) — it throws `.negotiation` with the
    /// diagnostic and changes nothing: the pipeline plays on with the old value. Unknown elements and
    /// properties throw `.invalidGraph`.
    ///
    /// ```swift
    /// // videotestsrc ! capsfilter name=cf caps=video/x-raw,width=320,height=240 ! videoscale ! … while PLAYING
    /// try pipeline.setProperty("caps", on: "cf", to: .caps(try Caps(parsing: "video/x-raw,width=160,height=120")))
    /// ```
    /// Thread: any; serialised with state changes.
    public func setProperty(_ name: String, on element: String, to value: PropertyValue) throws(PipelineError) {
        guard let node = graph.nodes.firstIndex(where: { $0.name == element }) else {
            throw .invalidGraph("no element named \"\(element)\"", span: nil)
        }
        let setting = PropertySetting(name: name, value: value, text: value.description)
        try control.withLock { (control: inout Control) throws(PipelineError) in
            let updated: any Element
            do throws(ElementError) {
                updated = try control.elements[node].applying([setting])
            } catch {
                throw .invalidGraph("\(element): \(error.message)", span: graph.nodes[node].span)
            }
            if let run = control.run {
                // Aggregators and output selectors take the change directly: it alters no caps.
                if control.elements[node] is any Aggregator || control.elements[node] is any BranchSelecting {
                    do throws(ElementError) {
                        _ = try run.applyWhilePlaying(node: node, updated: updated, settings: [setting])
                    } catch {
                        throw .invalidGraph("\(element): \(error.message)", span: graph.nodes[node].span)
                    }
                } else {
                    try run.renegotiator.request(.property(node: node, setting))
                }
            }
            control.elements[node] = updated
        }
    }

    /// Moves the pipeline to `target` one state at a time, posting a state-changed message per step.
    /// On failure the pipeline is left in the last state it reached.
    public func setState(_ target: PipelineState) throws(PipelineError) {
        try control.withLock { (control: inout Control) throws(PipelineError) in
            var plan = control.machine
            var current = control.machine.state
            for action in plan.transition(to: target) {
                let next = Self.stateAfter(action)
                do throws(PipelineError) {
                    try perform(action, control: &control)
                } catch {
                    if control.run == nil { Self.endApplicationStreams(&control.elements) }
                    throw error
                }
                control.machine.reset(to: next)
                bus.post(.stateChanged(from: current, to: next))
                current = next
            }
        }
    }

    /// After a failed start, stops the elements that face the application (`PipelineBound`: an appsink's reader
    /// then sees its stream end instead of waiting for one that will not come, an appsrc's writer is refused);
    /// they start afresh on the next attempt.
    private static func endApplicationStreams(_ elements: inout [any Element]) {
        for index in elements.indices where elements[index] is any PipelineBound {
            elements[index].stop()
        }
    }

    /// Plays the pipeline until end-of-stream or an error, then takes it back to NULL.
    /// Throws the first element error, or a negotiation error.
    public func run() async throws(PipelineError) {
        try setState(.playing)
        guard let context = control.withLock({ $0.run?.context }) else { return }
        let outcome = await context.completion()
        try setState(.null)
        if case .failed(let error) = outcome { throw error }
    }

    /// Asks the sources to end their streams; `run()` returns once EOS has drained every branch.
    public func sendEndOfStream() {
        control.withLock { $0.run }?.requestEndOfStream()
    }

    /// Stops at once: `run()` returns without waiting for EOS.
    public func stop() {
        guard let context = control.withLock({ $0.run?.context }) else { return }
        context.finish(.stopped)
        context.requestStop()
    }

    /// The element for `node`, made by `registry` with the node's properties.
    private static func make(_ node: Node, from registry: ElementRegistry) throws(PipelineError) -> any Element {
        guard let entry = registry[node.factory] else {
            throw .invalidGraph("no element \"\(node.factory)\"", span: node.span)
        }
        do {
            return try entry.make(node.properties)
        } catch {
            throw .invalidGraph("\(node.name): \(error.message)", span: node.span)
        }
    }

    private static func stateAfter(_ action: PipelineStateMachine.Action) -> PipelineState {
        switch action {
        case .prepare, .stopStreaming: .ready
        case .negotiateAndStart, .pause: .paused
        case .play: .playing
        case .release: .null
        }
    }

    private func perform(_ action: PipelineStateMachine.Action, control: inout Control) throws(PipelineError) {
        switch action {
        case .prepare, .release:
            break
        case .negotiateAndStart:
            try HeaderDiscovery.apply(to: &control.elements, in: graph)
            let negotiated: NegotiatedGraph
            do {
                negotiated = try negotiator.negotiate(graph, elements: control.elements)
            } catch {
                throw .negotiation(error)
            }
            let running = negotiated.graph
            var all = control.elements
            for node in running.nodes.dropFirst(control.elements.count) {
                all.append(try Self.make(node, from: registry))
            }
            for node in running.nodes {
                if let insertion = node.insertion {
                    bus.post(.converterInserted(
                        element: node.name, factory: node.factory, upstream: insertion.upstream,
                        downstream: insertion.downstream))
                }
            }
            for (index, link) in running.links.enumerated() {
                bus.post(.capsNegotiated(
                    from: "\(running.nodes[link.from.node].name):\(link.from.pad)",
                    to: "\(running.nodes[link.to.node].name):\(link.to.pad)", caps: negotiated.linkCaps[index]))
            }
            let placed = try placement?.place(negotiated, elements: all, bus: bus) ?? all
            // A stand-in for an element in a host cannot be configured again: renegotiation leaves those alone.
            let hosted = Set(all.indices.filter { node in
                node >= placed.count || ObjectIdentifier(type(of: placed[node])) != ObjectIdentifier(type(of: all[node]))
            })
            let planner = RenegotiationPlanner(
                negotiated: negotiated, elements: all, negotiator: negotiator, fixedNodes: hosted)
            let run = try PlanRun(
                graph: running, elements: placed, negotiated: negotiated, planner: planner, bus: bus, clock: clock)
            control.negotiated = negotiated
            control.run = run
        case .play:
            control.run?.context.play()
        case .pause:
            control.run?.context.pause()
        case .stopStreaming:
            if let run = control.run {
                run.stop()
                control.finalStatistics = run.runners.map(\.statistics)
                control.negotiated = run.renegotiator.current
                for stats in control.finalStatistics { bus.post(.elementStats(stats)) }
            }
            control.run = nil
        }
    }
}
