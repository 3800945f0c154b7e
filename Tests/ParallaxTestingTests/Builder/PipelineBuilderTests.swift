import ParallaxCore
import ParallaxTesting
import Testing

@Suite("Typed pipeline builder")
struct PipelineBuilderTests {
    /// The stock registry plus the typed test elements.
    static let registry: ElementRegistry = {
        var registry = ElementRegistry.stock
        registry.register(BuilderI420Source.self)
        registry.register(BuilderRGBAFilter.self)
        registry.register(BuilderI420Filter.self)
        registry.register(BuilderI420Sink.self)
        registry.register(BuilderDim.self)
        registry.register(BuilderPlanarFilter<I420>.self)
        registry.register(BuilderAnyRawSink.self)
        return registry
    }()

    static func parsed(_ launch: String) throws -> Graph {
        try LaunchParser(registry: registry).parse(launch).canonical
    }

    @Test func straightChain() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            FakeSink()
        }
        #expect(graph.canonical == (try Self.parsed("videotestsrc ! fakesink")))
    }

    @Test func propertiesThatDifferFromDefaultsInDescriptorOrder() throws {
        let graph = Pipeline.graph {
            VideoTestSource().with(\.numBuffers, 3).with(\.pattern, .ball).with(\.isLiveSource, false)
            FakeSink().with(\.silent, false)
        }
        let launch = "videotestsrc pattern=ball num-buffers=3 ! fakesink silent=false"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func passThroughElementsAreCountedPerFactory() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            Identity()
            Identity().with(\.dropProbability, 0.5)
            FakeSink()
        }
        let parsed = try Self.parsed("videotestsrc ! identity ! identity drop-probability=0.5 ! fakesink")
        #expect(graph.canonical == parsed)
        #expect(graph.nodes.map(\.name) == ["videotestsrc0", "identity0", "identity1", "fakesink0"])
    }

    @Test func queueWithEnumAndUnsignedProperties() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            Queue().with(\.maxBuffers, 10).with(\.leaky, .downstream)
            FakeSink()
        }
        let launch = "videotestsrc ! queue max-size-buffers=10 leaky=downstream ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func capsFilterBecomesLinkCaps() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            CapsFilter(Caps("video/x-raw", [("width", .int(320)), ("height", .int(240))]))
            FakeSink()
        }
        #expect(graph.canonical == (try Self.parsed("videotestsrc ! video/x-raw,width=320,height=240 ! fakesink")))
        #expect(graph.nodes.count == 2)
    }

    @Test func capsFilterThenQueueAndIdentity() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            CapsFilter(Caps("video/x-raw", [("format", .string("I420"))]))
            Queue()
            Identity()
            FakeSink()
        }
        let launch = "videotestsrc ! video/x-raw,format=I420 ! queue ! identity ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func stringProperty() throws {
        let graph = Pipeline.graph {
            VideoTestSource().with(\.numBuffers, 1)
            FileSink().with(\.location, "/tmp/parallax-builder.raw")
        }
        let launch = "videotestsrc num-buffers=1 ! filesink location=/tmp/parallax-builder.raw"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func teeWithTwoBranches() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            Tee.branches {
                Branch {
                    Queue()
                    FakeSink()
                }
                Branch {
                    Queue()
                    Identity()
                    FakeSink()
                }
            }
        }
        let launch = "videotestsrc ! tee name=tee0 ! queue ! fakesink tee0. ! queue ! identity ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
        #expect(graph.links.contains { $0.from == PadRef(node: 1, pad: "src_1") })
    }

    @Test func documentationExample() throws {
        let graph = Pipeline.graph {
            VideoTestSource().with(\.numBuffers, 30)
            CapsFilter(Caps("video/x-raw", [("width", .int(320)), ("height", .int(240))]))
            Tee.branches {
                Branch {
                    Queue()
                    FakeSink()
                }
                Branch {
                    Queue().with(\.leaky, .downstream)
                    FileSink().with(\.location, "/tmp/frames.raw")
                }
            }
        }
        let launch =
            "videotestsrc num-buffers=30 ! video/x-raw,width=320,height=240 ! tee name=tee0 ! queue ! fakesink "
            + "tee0. ! queue leaky=downstream ! filesink location=/tmp/frames.raw"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func typedTeeWithCapsAtTheHeadOfABranch() throws {
        let graph = Pipeline.graph {
            BuilderI420Source()
            Tee.branches(of: RawVideo<I420>.self) {
                Branch {
                    BuilderI420Filter().with(\.strength, 2.5)
                    BuilderI420Sink()
                }
                Branch {
                    CapsFilter(Caps("video/x-raw", [("width", .int(64))]))
                    Queue()
                    BuilderI420Sink()
                }
            }
        }
        let launch =
            "test-i420src ! tee name=tee0 ! test-i420filter strength=2.5 ! test-i420sink "
            + "tee0. ! video/x-raw,width=64 ! queue ! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func typedElementsAroundAQueueKeepTheirType() throws {
        let head = builderSegment {
            BuilderI420Source().with(\.numBuffers, 2)
            Queue()
            Identity()
        }
        let typed: Takes<PipelineStart>.Gives<RawVideo<I420>> = head
        let graph = Pipeline.graph {
            typed
            BuilderI420Filter()
            BuilderI420Sink()
        }
        let launch = "test-i420src num-buffers=2 ! queue ! identity ! test-i420filter ! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func customElementsAreRegisteredForThePipeline() throws {
        let pipeline = try Pipeline(registry: .stock) {
            BuilderI420Source()
            BuilderI420Sink()
        }
        #expect(pipeline.graph.nodes.map(\.factory) == ["test-i420src", "test-i420sink"])
    }

    @Test func runsEndToEnd() async throws {
        let pipeline = try Pipeline {
            VideoTestSource().with(\.numBuffers, 3)
            CapsFilter(Caps("video/x-raw", [("width", .int(32)), ("height", .int(24))]))
            Queue()
            FakeSink()
        }
        try await pipeline.run()
        let sink = pipeline.statistics.first { $0.element == "fakesink0" }
        #expect(sink?.buffers == 3)
    }
}

@Suite struct PipelineBuilderAppSinkTests {
    /// The builder hands its element values to the pipeline, so the `AppSink` written in the builder is the
    /// one that runs: its stream delivers the frames.
    @Test func appSinkWrittenInTheBuilderReceivesTheFrames() async throws {
        let sink = AppSink().with(\.syncToClock, false)
        let pipeline = try Pipeline {
            VideoTestSource().with(\.numBuffers, 4)
            CapsFilter(Caps("video/x-raw", [("format", .string("GRAY8")), ("width", .int(16)), ("height", .int(8))]))
            sink
        }
        let run = Task { try await pipeline.run() }
        var sizes: [Int] = []
        for await buffer in sink.buffers { sizes.append(buffer.length) }
        try await run.value
        #expect(sizes == [128, 128, 128, 128])
    }
}
