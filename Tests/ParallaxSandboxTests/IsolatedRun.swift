import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxSandbox
import Synchronization

/// Runs a launch description ending in `appsink name=out` under an execution mode and collects what
/// arrives, with every bus message.
struct IsolatedRun {
    var buffers: [[UInt8]] = []
    var flags: [BufferFlags] = []
    var messages: [BusMessage] = []
    var error: PipelineError?
    var placement: [String] = []

    static let registry: ElementRegistry = {
        var registry = ElementRegistry.stock
        registry.register(Chaos.self)
        return registry
    }()

    static func run(
        _ description: String, mode: ExecutionMode, policy: RestartPolicy = .standard,
        sandboxes: [String: ElementSandbox] = [:], host: String? = nil, registry: ElementRegistry = registry,
        placed: Bool = true
    ) async throws -> IsolatedRun {
        let graph = try LaunchParser(registry: registry).parse(description)
        let placement = IsolatingPlacement(mode: mode, sandboxes: sandboxes, restartPolicy: policy, executable: host)
        let pipeline = try Pipeline(graph, registry: registry, placement: placed ? placement : nil)
        var result = IsolatedRun()
        result.placement = pipeline.placementDescription
        let messages = Mutex<[BusMessage]>([])
        pipeline.bus.observe { message in messages.withLock { $0.append(message) } }
        guard let sink = pipeline.element(named: "out") as? AppSink else { fatalError("no appsink named out") }
        async let collected: [Buffer] = {
            var all: [Buffer] = []
            for await buffer in sink.buffers { all.append(buffer) }
            return all
        }()
        do {
            try await pipeline.run()
        } catch {
            result.error = error
            pipeline.stop()
        }
        let buffers = await collected
        result.buffers = buffers.map(\.byteArray)
        result.flags = buffers.map(\.flags)
        result.messages = messages.withLock { $0 }
        return result
    }

    /// The restart messages posted.
    var restarts: [(element: String, reason: String, restarts: Int)] {
        messages.compactMap {
            if case .elementRestarted(let element, let reason, let count) = $0 { return (element, reason, count) }
            return nil
        }
    }
}
