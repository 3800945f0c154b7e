import ParallaxCore
import ParallaxTesting
import Testing

/// Typed pipelines and the launch strings they stand for lower to equal graphs (`Graph.canonical`).
@Suite("Typed pipeline lowering")
struct PipelineBuilderLoweringTests {
    static func parsed(_ launch: String) throws -> Graph { try PipelineBuilderTests.parsed(launch) }

    @Test func anyFormatFilterAfterAnAnyFormatSource() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            VideoScale(method: .nearestNeighbour)
            BuilderDim().with(\.amount, 3)
            BuilderAnyRawSink()
        }
        let launch = "videotestsrc ! videoscale method=nearest-neighbour ! test-dim amount=3 ! test-rawsink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func typedSourceWithRunTimeSize() throws {
        let side = Int.random(in: 16...64)
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self, width: side, height: side, pattern: .ball, numBuffers: 30)
            BuilderDim()
            BuilderI420Filter()
            BuilderI420Sink()
        }
        let launch =
            "videotestsrc pattern=ball num-buffers=30 ! video/x-raw,format=I420,width=\(side),height=\(side) "
            + "! test-dim ! test-i420filter ! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func capsFilterNarrowsAnyFormatToOne() throws {
        let graph = Pipeline.graph {
            VideoTestSource(numBuffers: 5)
            CapsFilter.video(I420.self, width: 320, height: 240, framerate: Fraction(30, 1))
            BuilderPlanarFilter<I420>()
            BuilderI420Sink()
        }
        let launch =
            "videotestsrc num-buffers=5 ! video/x-raw,format=I420,width=320,height=240,framerate=30/1 "
            + "! test-planar ! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func converterToANamedFormat() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            VideoConvert.to(I420.self)
            BuilderI420Filter()
            VideoConvert()
            FakeSink()
        }
        let launch = "videotestsrc ! videoconvert ! video/x-raw,format=I420 ! test-i420filter ! videoconvert ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func namesAndQueueModifiers() throws {
        let graph = Pipeline.graph {
            VideoTestSource().named("src").queued(maxBuffers: 4)
            Queue()
            Queue().named("queue0")
            VideoConvert.to(GRAY8.self).named("conv")
            FakeSink().named("out").queued()
        }
        let launch =
            "videotestsrc name=src ! queue max-size-buffers=4 ! queue ! queue name=queue0 "
            + "! videoconvert name=conv ! video/x-raw,format=GRAY8 ! queue ! fakesink name=out"
        #expect(graph.canonical == (try Self.parsed(launch)))
        #expect(graph.nodes.map(\.name) == ["src", "queue1", "queue2", "queue0", "conv", "queue3", "out"])
    }

    @Test func isolationModifiersSetTheNodeRequest() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            VideoScale().isolated()
            VideoConvert.to(I420.self).group("video")
            BuilderI420Filter().group("video").named("filter")
            FakeSink()
        }
        #expect(graph.nodes.map(\.isolation) == [nil, .isolated, .group("video"), .group("video"), nil])
        #expect(graph.node(named: "filter")?.factory == "test-i420filter")
        let launch =
            "videotestsrc ! videoscale ! videoconvert ! video/x-raw,format=I420 ! test-i420filter name=filter "
            + "! fakesink"
        var plain = graph.canonical
        for index in plain.nodes.indices { plain.nodes[index].isolation = nil }
        #expect(plain == (try Self.parsed(launch)))
    }

    @Test(arguments: [false, true])
    func ifWithoutElse(enabled: Bool) throws {
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self)
            if enabled { BuilderI420Filter() }
            if enabled { Identity() }
            if enabled { BuilderDim() }
            BuilderI420Sink()
        }
        let middle = enabled ? "! test-i420filter ! identity ! test-dim " : ""
        let launch = "videotestsrc ! video/x-raw,format=I420 \(middle)! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test(arguments: [false, true])
    func optionalElements(enabled: Bool) throws {
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self)
            enabled ? BuilderI420Filter().with(\.strength, 2) : nil
            enabled ? Identity() : nil
            enabled ? BuilderDim() : nil
            BuilderI420Sink()
        }
        let middle = enabled ? "! test-i420filter strength=2.0 ! identity ! test-dim " : ""
        let launch = "videotestsrc ! video/x-raw,format=I420 \(middle)! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test(arguments: [false, true])
    func ifElse(scaled: Bool) throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            if scaled { VideoScale() } else { BuilderDim() }
            if scaled { Queue() } else { Identity() }
            FakeSink()
        }
        let launch =
            scaled ? "videotestsrc ! videoscale ! queue ! fakesink" : "videotestsrc ! test-dim ! identity ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func forLoopsRepeatTypePreservingElements() throws {
        let strengths = [1.0, 2.0, 3.0]
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self)
            for strength in strengths { BuilderI420Filter().with(\.strength, strength) }
            for _ in 0..<2 { Identity() }
            for amount in [5, 6] { BuilderDim().with(\.amount, amount) }
            BuilderI420Sink()
        }
        let launch =
            "videotestsrc ! video/x-raw,format=I420 ! test-i420filter ! test-i420filter strength=2.0 "
            + "! test-i420filter strength=3.0 ! identity ! identity ! test-dim amount=5 ! test-dim amount=6 "
            + "! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func typedTeeWithPolymorphicBranchHeads() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            CapsFilter.video(I420.self)
            Tee.branches(of: RawVideo<I420>.self) {
                Branch {
                    BuilderDim()
                    BuilderI420Sink()
                }
                Branch {
                    VideoConvert.to(RGBA.self)
                    BuilderRGBAFilter()
                    FakeSink()
                }
                Branch { BuilderAnyRawSink().queued() }
            }
        }
        let launch =
            "videotestsrc ! video/x-raw,format=I420 ! tee name=t ! test-dim ! test-i420sink "
            + "t. ! videoconvert ! video/x-raw,format=RGBA ! test-rgbafilter ! fakesink t. ! queue ! test-rawsink"
        var expected = try Self.parsed(launch)
        expected.nodes[1].name = "tee0"
        #expect(graph.canonical == expected)
    }

    @Test func teeMediaInferredFromTypedBranchHeads() throws {
        let graph = Pipeline.graph {
            BuilderI420Source()
            Tee.branches {
                Branch {
                    BuilderI420Filter()
                    BuilderI420Sink()
                }
                Branch {
                    BuilderI420Sink().queued()
                }
            }
        }
        let typed: Takes<PipelineStart>.Gives<PipelineEnd> = Pipeline.segment {
            BuilderI420Source()
            Tee.branches { Branch { BuilderI420Sink() } }
        }
        #expect(Pipeline.graph { typed }.nodes.map(\.factory) == ["test-i420src", "tee", "test-i420sink"])
        let launch = "test-i420src ! tee name=tee0 ! test-i420filter ! test-i420sink tee0. ! queue ! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func nestedTees() throws {
        let graph = Pipeline.graph {
            VideoTestSource()
            Tee.branches {
                Branch {
                    Queue()
                    Tee.branches {
                        Branch { FakeSink() }
                        Branch { FileSink(location: "/tmp/parallax-nested.raw") }
                    }
                }
                Branch { FakeSink() }
            }
        }
        let launch =
            "videotestsrc ! tee name=tee0 ! queue ! tee name=tee1 ! fakesink tee1. ! "
            + "filesink location=/tmp/parallax-nested.raw tee0. ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func audioNarrowing() throws {
        let graph = Pipeline.graph {
            AudioTestSource(wave: .square, frequency: 1000, numBuffers: 10, samplesPerBuffer: 512)
            CapsFilter.audio(S16LE.self, rate: 48000, channels: 2)
            Queue(maxBuffers: 4, leaky: .downstream)
            FakeSink()
        }
        let launch =
            "audiotestsrc samplesperbuffer=512 wave=square freq=1000.0 num-buffers=10 "
            + "! audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=2 "
            + "! queue max-size-buffers=4 leaky=downstream ! fakesink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func segmentsBoundToLetsCompose() throws {
        let head = builderSegment {
            VideoTestSource(pattern: .ball, numBuffers: 2)
            VideoConvert.to(I420.self)
        }
        let graph = Pipeline.graph {
            head
            BuilderPlanarFilter<I420>().named("yuv")
            BuilderI420Sink()
        }
        let launch =
            "videotestsrc pattern=ball num-buffers=2 ! videoconvert ! video/x-raw,format=I420 ! test-planar name=yuv "
            + "! test-i420sink"
        #expect(graph.canonical == (try Self.parsed(launch)))
    }

    @Test func segmentsFromAMediaTypeAreReusable() throws {
        let grade = Pipeline.segment(from: RawVideo<I420>.self) {
            BuilderDim()
            BuilderI420Filter().with(\.strength, 2.5)
            Queue()
        }
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self)
            grade
            Tee.branches(of: RawVideo<I420>.self) {
                Branch {
                    grade
                    BuilderI420Sink()
                }
                Branch { BuilderI420Sink() }
            }
        }
        let launch =
            "videotestsrc ! video/x-raw,format=I420 ! test-dim ! test-i420filter strength=2.5 ! queue ! tee name=t "
            + "! test-dim ! test-i420filter strength=2.5 ! queue ! test-i420sink t. ! test-i420sink"
        var expected = try Self.parsed(launch)
        expected.nodes[4].name = "tee0"
        #expect(graph.canonical == expected)
    }

    @Test func nodesRecordTheirSwiftTypes() {
        let graph = Pipeline.graph {
            VideoTestSource.producing(I420.self)
            BuilderPlanarFilter<I420>()
            BuilderI420Sink()
        }
        #expect(graph.nodes.map(\.typeName) == ["VideoTestSource", "BuilderPlanarFilter<I420>", "BuilderI420Sink"])
        #expect(graph.canonical.nodes.allSatisfy { $0.typeName == nil })
    }
}
