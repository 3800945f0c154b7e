import Parallax
import ParallaxCore
import Testing

/// Puts `identity` "in an element host": the run gets a stand-in of another type, as a host's proxy would be.
struct StandInPlacement: ElementPlacement {
    /// What runs in place of identity: buffers pass unchanged.
    struct StandIn: Transform {
        typealias Input = AnyMedia
        typealias Output = AnyMedia
        static let descriptor = ElementDescriptor<Self>(
            factory: "test-stand-in", longName: "Stand-in", klass: "Generic", description: "Passes buffers on")
        var isPassthrough: Bool { true }
        mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
    }

    func place(_ negotiated: NegotiatedGraph, elements: [any Element], bus: Bus) throws(PipelineError)
        -> [any Element]
    {
        elements.map { $0 is Identity ? StandIn() : $0 }
    }

    func describe(_ graph: Graph, elements: [any Element]) -> [String] { [] }
}

@Suite struct HostedRenegotiationTests {
    @Test func aChangeReachingAnElementInAHostIsRefusedAndThePipelinePlaysOn() async throws {
        let graph = try LaunchParser(registry: .stock).parse(
            "videotestsrc name=src num-buffers=3 ! capsfilter name=cf caps=video/x-raw,format=GRAY8,width=8,height=4 "
                + "! identity ! appsink name=out sync=false max-buffers=1")
        let pipeline = try Pipeline(graph, registry: .stock, placement: StandInPlacement())
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let run: Void = pipeline.run()
        var reader = sink.buffers.makeAsyncIterator()
        var sizes = [try #require(await reader.next()).length]
        let small = try Caps(parsing: "video/x-raw,format=GRAY8,width=4,height=2")
        #expect(
            throws: PipelineError.negotiation(
                NegotiationError(
                    message: "identity0 cannot change format while playing: it runs in an element host, "
                        + "which keeps the caps it started with",
                    span: graph.node(named: "identity0")?.span,
                    help: "run identity0 in the pipeline's process to change formats while playing"))
        ) {
            try pipeline.setProperty("caps", on: "cf", to: .caps(small))
        }
        while let buffer = await reader.next() { sizes.append(buffer.length) }
        try await run
        #expect(sizes == [32, 32, 32])
    }
}
