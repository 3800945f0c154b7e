import ParallaxCore
import ParallaxTesting
import Testing

/// Typed pipelines run on the same executor as launch strings, and fail like them, with Swift type names.
@Suite("Typed pipeline runs")
struct PipelineBuilderRunTests {
    /// The bytes of every buffer `sink` delivers while `pipeline` runs.
    static func frames(of pipeline: Pipeline, sink: AppSink) async throws -> [[UInt8]] {
        async let received: [[UInt8]] = {
            var frames: [[UInt8]] = []
            for await buffer in sink.buffers { frames.append(buffer.byteArray) }
            return frames
        }()
        try await pipeline.run()
        return await received
    }

    @Test func builderAndLaunchStringGiveTheSameFrames() async throws {
        let typedSink = AppSink(sync: false)
        let typed = try Pipeline {
            VideoTestSource.producing(GRAY8.self, width: 16, height: 8, pattern: .ball, numBuffers: 3)
            VideoScale()
            VideoConvert.to(I420.self)
            typedSink.named("out").queued()
        }
        let launched = try Pipeline(
            launch: "videotestsrc pattern=ball num-buffers=3 ! video/x-raw,format=GRAY8,width=16,height=8 "
                + "! videoscale ! videoconvert ! video/x-raw,format=I420 ! queue ! appsink name=out sync=false")
        let launchedSink = try #require(launched.element(named: "out") as? AppSink)
        #expect(typed.graph.canonical == launched.graph.canonical)

        let typedFrames = try await Self.frames(of: typed, sink: typedSink)
        let launchedFrames = try await Self.frames(of: launched, sink: launchedSink)
        #expect(typedFrames.count == 3)
        #expect(typedFrames.allSatisfy { $0.count == VideoInfo(format: .i420, width: 16, height: 8).size })
        #expect(typedFrames == launchedFrames)
    }

    @Test func aSizeNoElementAcceptsFailsAtRunNamingTheSwiftTypes() async throws {
        // Strict: by default negotiation would insert a videoscale and the pipeline would run.
        let pipeline = try Pipeline(strict: true) {
            VideoTestSource.producing(GRAY8.self, width: 640, height: 48, numBuffers: 1)
            BuilderNarrowSink()
        }
        do {
            try await pipeline.run()
            Issue.record("a 640-pixel-wide frame reached a sink that takes at most 64")
        } catch {
            guard case .negotiation(let negotiation) = error else {
                Issue.record("expected a negotiation error, got \(error)")
                return
            }
            #expect(
                negotiation.message
                    == "could not link videotestsrc0 (VideoTestSource) to test-narrowsink0 (BuilderNarrowSink): "
                    + "no common format")
            #expect(negotiation.notes.first?.hasPrefix("videotestsrc0 (VideoTestSource) can produce: ") == true)
        }
    }

    @Test func twoElementsGivenOneNameAreRefused() {
        #expect(throws: PipelineError.invalidGraph("two elements are named \"x\"", span: nil)) {
            try Pipeline {
                VideoTestSource(numBuffers: 1).named("x")
                FakeSink().named("x")
            }
        }
    }

    /// Runs a typed pipeline of `Format` through the stock any-format elements and returns the caps the
    /// sink got.
    static func negotiatedCaps<Format: PixelFormat>(_ format: Format.Type) async throws -> Caps? {
        let sink = AppSink(sync: false)
        let pipeline = try Pipeline {
            VideoTestSource.producing(Format.self, width: 16, height: 8, numBuffers: 1)
            VideoScale()
            VideoConvert.to(Format.self)
            sink
        }
        async let drained: Void = { for await _ in sink.buffers {} }()
        try await pipeline.run()
        await drained
        return sink.negotiatedCaps
    }

    /// The typed facades (`producing`, `VideoConvert.to`) agree with the stock elements' templates for every
    /// 8-bit format a `PixelFormat` tag names (the any-format elements' set): each runs and negotiates that format.
    @Test func typedFacadesNegotiateEveryFormatTheyAdmit() async throws {
        for tag in PixelFormats.all where (tag.format?.bitsPerSample ?? 8) == 8 {
            let caps = try await Self.negotiatedCaps(tag)
            let info = caps.flatMap(VideoInfo.init(caps:))
            #expect(info?.format == tag.format && info?.width == 16 && info?.height == 8, "\(tag)")
        }
    }
}
