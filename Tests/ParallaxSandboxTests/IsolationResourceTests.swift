import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxSandbox
import Testing

/// An element only this test's registry knows, so the stock element host cannot make it.
private struct TestOnlyElement: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "testonly", longName: "Test only", klass: "Testing", description: "Known only to a test")
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

@Suite(.serialized) struct IsolationResourceTests {
    @Test func anElementTheHostDoesNotKnowFailsTheStartNamingIt() async throws {
        var registry = ElementRegistry.stock
        registry.register(TestOnlyElement.self)
        let graph = try LaunchParser(registry: registry).parse("fakesrc num-buffers=1 ! testonly ! fakesink")
        let host = PrivateHost()
        let placement = IsolatingPlacement(mode: .isolated(), executable: host.path)
        let pipeline = try Pipeline(graph, registry: registry, placement: placement)
        let error = await #expect(throws: PipelineError.self) { try await pipeline.run() }
        #expect(
            error?.description.contains(
                "testonly0: the element host did not start: element host: no element \"testonly\" in this element "
                    + "host; register it and call ParallaxHost.runIfRequested(registry:) first in main") == true,
            "\(String(describing: error))")
        #expect(host.running.isEmpty)
    }

    @Test func aMissingHostExecutableIsAClearError() async throws {
        let graph = try LaunchParser(registry: .stock).parse("fakesrc num-buffers=1 ! identity ! fakesink")
        let placement = IsolatingPlacement(mode: .grouped(isolate: ["identity"]), executable: "/nonexistent/host")
        let pipeline = try Pipeline(graph, registry: .stock, placement: placement)
        let error = await #expect(throws: PipelineError.self) { try await pipeline.run() }
        #expect(
            error?.description.contains(
                "identity0: the element host did not start: element host: cannot start /nonexistent/host") == true,
            "\(String(describing: error))")
    }

    @Test func crashesLeaveNoProcessesOrDescriptorsBehind() async throws {
        let host = PrivateHost()
        let policy = RestartPolicy(maxRestarts: 10, backoffNanoseconds: 0)
        let run = try await IsolatedRun.run(
            "fakesrc name=leakcheck-src num-buffers=20 ! chaos name=leakcheck-chaos action=segfault after=3 "
                + "! identity name=leakcheck-identity ! appsink name=out sync=false",
            mode: .isolated(), policy: policy, host: host.path)
        #expect(run.error == nil)
        #expect(run.restarts.count == 5)  // buffers 3, 7, 11, 15 and 19: each host serves three
        #expect(host.running.isEmpty)
        #expect(ProcessTable.memfds(named: "leakcheck") == 0)
    }

    @Test func descriptorsGrowWithLinksNotWithBuffers() async throws {
        let graph = try LaunchParser(registry: IsolatedRun.registry).parse(
            "fakesrc name=fdcount-src num-buffers=1000 sizetype=fixed sizemax=1024 ! chaos name=fdcount-chaos "
                + "! identity name=fdcount-identity ! appsink name=out sync=false max-buffers=1")
        let host = PrivateHost()
        let pipeline = try Pipeline(
            graph, registry: IsolatedRun.registry,
            placement: IsolatingPlacement(mode: .isolated(), executable: host.path))
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let finished: Void = pipeline.run()
        var counts: [Int: [Int]] = [:]
        var received = 0
        for await _ in sink.buffers {
            received += 1
            if received == 10 || received == 990 {
                let hosts = host.running
                counts[received] = [ProcessTable.memfds(named: "fdcount")] + hosts.map { ProcessTable.descriptorCount(String($0)) }
            }
        }
        try await finished
        #expect(received == 1000)
        let early = try #require(counts[10])
        #expect(early.count == 4)  // this pipeline's arenas here, and the hosts of fakesrc, chaos and identity
        #expect(counts[990] == early)
    }
}
