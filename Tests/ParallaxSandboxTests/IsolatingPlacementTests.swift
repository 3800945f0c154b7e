import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxSandbox
import Synchronization
import Testing

/// Which hosts of one executable were running when `place` returned.
private final class HostsSeen: Sendable {
    let running = Mutex<[Int32]?>(nil)
}

/// An `IsolatingPlacement` that notes, as `place` returns (before the pipeline starts any element), which
/// children started from `executable` are running.
private struct WatchedPlacement: ElementPlacement {
    let placement: IsolatingPlacement
    let executable: String
    let seen: HostsSeen

    func place(_ negotiated: NegotiatedGraph, elements: [any Element], bus: Bus) throws(PipelineError)
        -> [any Element]
    {
        let placed = try placement.place(negotiated, elements: elements, bus: bus)
        let running = ProcessTable.children().filter { ProcessTable.executable(of: $0) == executable }
        seen.running.withLock { $0 = running }
        return placed
    }

    func describe(_ graph: Graph, elements: [any Element]) -> [String] {
        placement.describe(graph, elements: elements)
    }
}

/// An element only this test's registry knows, so the stock element host cannot make it.
private struct UnknownToHosts: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "unknowntohosts", longName: "Unknown to hosts", klass: "Testing", description: "Known only to a test")
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

@Suite(.serialized) struct IsolatingPlacementTests {
    @Test func placingAPipelineLaunchesEveryHostBeforeAnyElementStarts() async throws {
        let host = PrivateHost()
        let seen = HostsSeen()
        let placement = WatchedPlacement(
            placement: IsolatingPlacement(mode: .isolated(), executable: host.path), executable: host.path, seen: seen)
        let graph = try LaunchParser(registry: .stock).parse("fakesrc num-buffers=1 ! identity ! fakesink")
        let pipeline = try Pipeline(graph, registry: .stock, placement: placement)
        try await pipeline.run()
        #expect(seen.running.withLock { $0?.count } == 3)
        #expect(host.running.isEmpty)
    }

    @Test func hostsLaunchedForAStartThatFailsAreReaped() async throws {
        var registry = ElementRegistry.stock
        registry.register(UnknownToHosts.self)
        let host = PrivateHost()
        let seen = HostsSeen()
        let placement = WatchedPlacement(
            placement: IsolatingPlacement(mode: .isolated(), executable: host.path), executable: host.path, seen: seen)
        let graph = try LaunchParser(registry: registry).parse("fakesrc num-buffers=1 ! unknowntohosts ! fakesink")
        let pipeline = try Pipeline(graph, registry: registry, placement: placement)
        let error = await #expect(throws: PipelineError.self) { try await pipeline.run() }
        #expect(
            error?.description.contains(
                "unknowntohosts0: the element host did not start: element host: no element \"unknowntohosts\" in this "
                    + "element host; register it and call ParallaxHost.runIfRequested(registry:) first in main") == true,
            "\(String(describing: error))")
        #expect(seen.running.withLock { $0?.count } == 3)  // fakesink0's host too, which never started
        #expect(host.running.isEmpty)
    }
}
