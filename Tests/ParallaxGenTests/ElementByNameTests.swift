import Parallax
import Testing

/// A typed source of AV1, to put a by-name AV1 element after.
private struct AV1Stream: Source {
    typealias Output = EncodedVideo<AV1>
    static let descriptor = ElementDescriptor<Self>(
        factory: "av1stream", longName: "AV1 stream", klass: "Source", description: "Ends at once")
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

/// A wrapper for a factory no registry has.
private struct Missing: ElementByName {
    typealias Input = EncodedVideo<AV1>
    typealias Output = EncodedVideo<AV1>
    static let factory = "av1parsr"
    var options = NodeOptions()
    var settings: [PropertySetting] { [] }
}

/// A wrapper that sets a property out of its range.
private struct LoudQueue: ElementByName {
    typealias Input = EncodedVideo<AV1>
    typealias Output = EncodedVideo<AV1>
    static let factory = "queue"
    var maxBuffers: UInt64 = 0
    var options = NodeOptions()
    var settings: [PropertySetting] {
        [
            Self.setting("max-size-buffers", .uint(maxBuffers), default: .uint(200)),
            Self.setting("leaky", .enumeration("sideways"), default: .enumeration("no")),
        ].compactMap { $0 }
    }
}

@Suite struct ElementByNameTests {
    /// The generated wrapper (Tests/ParallaxGenTests/generated/ByName.swift) lowers to the launch string's graph.
    @Test func aGeneratedWrapperIsAStageOfTheBuilder() throws {
        let graph = Pipeline.graph {
            AV1Stream()
            ByName.AV1Parser().named("parse")
            FakeSink()
        }
        var registry = ElementRegistry.stock
        registry.register(AV1Stream.self)
        let launch = try LaunchParser(registry: registry).parse("av1stream ! av1parse name=parse ! fakesink")
        #expect(graph.canonical == launch.canonical)
        #expect(graph.nodes[1].typeName == "AV1Parser")
    }

    @Test func theElementIsMadeFromThePipelinesRegistry() throws {
        let pipeline = try Pipeline {
            AV1Stream()
            ByName.AV1Parser().named("parse")
            FakeSink()
        }
        #expect(pipeline.element(named: "parse").map { type(of: $0).factoryName } == "av1parse")
    }

    @Test func anUnknownFactoryIsAClearError() {
        #expect(
            throws: PipelineError.invalidGraph(
                "Missing: no element \"av1parsr\" in the pipeline's registry (did you mean \"av1parse\"?); register it or "
                    + "load the plugin that provides it", span: nil)
        ) {
            try Pipeline {
                AV1Stream(); Missing(); FakeSink()
            }
        }
    }

    @Test func aValueOutsideTheDescriptorIsAClearError() {
        #expect(
            throws: PipelineError.invalidGraph(
                "LoudQueue: leaky=sideways is not one of no, upstream, downstream", span: nil)
        ) {
            try Pipeline {
                AV1Stream(); LoudQueue(); FakeSink()
            }
        }
    }

    @Test func aPipelineOfElementsKnownByNameRuns() async throws {
        let caps = try Caps(parsing: "video/x-raw,format=I420,width=64,height=48")
        let pipeline = try Pipeline {
            TestPattern(numBuffers: 3)
            CapsFilter(caps)
            Discard().named("out")
        }
        #expect(pipeline.graph.nodes.map { $0.factory } == ["videotestsrc", "fakesink"])
        #expect(pipeline.graph.nodes[0].properties.map { $0.text } == ["3"])
        try await pipeline.run()
        #expect(pipeline.statistics.first { $0.element == "out" }?.buffers == 3)
    }
}

/// A source typed by hand (videotestsrc's template lists many formats, so `parallax-gen wrappers` reports it).
private struct TestPattern: ElementByName {
    typealias Input = PipelineStart
    typealias Output = RawVideo<I420>
    static let factory = "videotestsrc"
    var numBuffers = -1
    var options = NodeOptions()
    var settings: [PropertySetting] {
        [Self.setting("num-buffers", .int(Int64(numBuffers)), default: .int(-1))].compactMap { $0 }
    }
}

/// A sink typed by hand.
private struct Discard: ElementByName {
    typealias Input = RawVideo<I420>
    typealias Output = PipelineEnd
    static let factory = "fakesink"
    var options = NodeOptions()
    var settings: [PropertySetting] { [] }
}
