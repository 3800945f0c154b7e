import CParallaxLinux
import Glibc
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

    @Test func stoppingThePipelineShutsEveryHostDownAtOnce() async throws {
        var registry = ElementRegistry.stock
        registry.register(ShutdownWitness.self)
        let host = PrivateHost()
        witnessed.withLock { $0 = (host.path, [], nil) }
        defer { witnessed.withLock { $0 = (nil, [], nil) } }
        // Stopped in graph order: fakesrc0 (hosted), the witness (in-process), identity0 (hosted), fakesink0.
        let graph = try LaunchParser(registry: registry).parse(
            "fakesrc num-buffers=1 ! shutdownwitness ! identity ! fakesink")
        let placement = IsolatingPlacement(mode: .grouped(isolate: ["fakesrc", "identity"]), executable: host.path)
        let pipeline = try Pipeline(graph, registry: registry, placement: placement)
        try await pipeline.run()
        #expect(witnessed.withLock { $0.exited } == true)  // both hosts exited before identity0's stop
        #expect(host.running.isEmpty)
    }
}

/// Where `ShutdownWitness` looks for hosts, the pidfds of those it found, and what it saw.
private let witnessed = Mutex<(executable: String?, hosts: [Int32], exited: Bool?)>((nil, [], nil))

/// An in-process pass-through that notes the hosts running when it starts (every host of the run is launched
/// by then), and when stopped — after the hosted element before it, before the one after it — waits up to 1 s
/// for all of them to exit. The one after it exits that soon only if it was sent `shutdown` when the first
/// hosted element stopped (then within milliseconds); otherwise it waits for its own stop.
private struct ShutdownWitness: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "shutdownwitness", longName: "Shutdown witness", klass: "Testing",
        description: "Waits for the hosts to exit when stopped")
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }

    mutating func start() throws(ElementError) {
        witnessed.withLock { seen in
            guard let executable = seen.executable else { return }
            let hosts = ProcessTable.children().filter { ProcessTable.executable(of: $0) == executable }
            seen.hosts = hosts.map { px_pidfd_open($0) }.filter { $0 >= 0 }
        }
    }

    mutating func stop() {
        let hosts = witnessed.withLock { $0.hosts }
        guard !hosts.isEmpty else { return }
        var entries = hosts.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let exited = entries.indices.allSatisfy { poll(&entries[$0], 1, 1000) == 1 }
        for pidfd in hosts { close(pidfd) }
        witnessed.withLock {
            $0.hosts = []
            $0.exited = exited && hosts.count == 2
        }
    }
}
