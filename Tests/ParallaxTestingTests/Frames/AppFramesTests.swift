import ParallaxCore
import ParallaxTesting
import Testing

/// Typed frames go into a typed pipeline through `AppSource` and come out of `AppSink` unchanged.
@Suite("Typed app frames")
struct AppFramesTests {
    /// Frame `index` of 8×4 GRAY8: every pixel differs from its neighbours and from other frames'.
    static func grayFrame(_ index: Int) -> VideoFrame? {
        let info = VideoInfo(format: .gray8, width: 8, height: 4)
        let bytes = (0..<info.size).map { UInt8(truncatingIfNeeded: $0 * 3 + index * 50) }
        return VideoFrame(buffer: Buffer(copying: bytes), info: info)
    }

    @Test func videoFramesFromAnAsyncSequenceComeBackPixelForPixel() async throws {
        let frames = try (0..<5).map { try #require(Self.grayFrame($0)) }
        let source = AppSource()
        let sink = AppSink(sync: false)
        let pipeline = try Pipeline {
            source.producing(GRAY8.self, width: 8, height: 4)
            VideoScale()
            Queue()
            sink
        }
        let stream = AsyncStream<VideoFrame> { continuation in
            for frame in frames { continuation.yield(frame) }
            continuation.finish()
        }
        async let fed: Void = {
            await source.feed.push(frames: stream)
            source.feed.endOfStream()
        }()
        async let received: [VideoFrame] = {
            var received: [VideoFrame] = []
            for try await frame in sink.videoFrames { received.append(frame) }
            return received
        }()
        try await pipeline.run()
        await fed
        let output = try await received
        #expect(output.count == 5)
        #expect(output.map(\.info) == frames.map(\.info))
        #expect(output.first?.strides == [8])
        #expect(output.last?.pixel(x: 7, y: 3) == frames.last?.pixel(x: 7, y: 3))
        #expect(output.map(\.buffer.byteArray) == frames.map(\.buffer.byteArray))
    }

    @Test func audioFramesRoundTripAndAWrongSampleFormatThrows() async throws {
        let frames = (0..<3).map { index in
            AudioFrame<S16LE>(
                interleaved: (0..<8).map { Int16($0 * 100 - index * 1000) }, rate: 8_000, channels: 2)
        }
        let source = AppSource()
        let sink = AppSink(sync: false)
        let pipeline = try Pipeline {
            source.producing(S16LE.self, rate: 8_000, channels: 2)
            Identity()
            sink
        }
        async let fed: Void = {
            await source.feed.push(
                frames: AsyncStream { continuation in
                    for frame in frames { continuation.yield(frame) }
                    continuation.finish()
                })
            source.feed.endOfStream()
        }()
        async let received: [[Int16]] = {
            var received: [[Int16]] = []
            for try await frame in sink.audioFrames(S16LE.self) { received.append(frame.samples(channel: 1)) }
            return received
        }()
        try await pipeline.run()
        await fed
        #expect(try await received == frames.map { $0.samples(channel: 1) })

        // The same stream read as F32LE is refused, with the caps in the message.
        let secondSource = AppSource()
        let floats = AppSink(sync: false)
        let second = try Pipeline {
            secondSource.producing(S16LE.self, rate: 8_000, channels: 2)
            floats
        }
        #expect(await secondSource.feed.push(frames[0].buffer) == .queued)
        secondSource.feed.endOfStream()
        async let failure: FrameLayoutError? = {
            do throws(FrameLayoutError) {
                for try await _ in floats.audioFrames(F32LE.self) {}
                return nil
            } catch {
                return error
            }
        }()
        try await second.run()
        #expect(
            await failure
                == FrameLayoutError(
                    "appsink caps audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)8000, "
                        + "channels=(int)2 with a buffer of 16 bytes are not whole frames of F32LE audio"))
    }

    /// The first frame `sink` delivers as `Format` while a one-frame `pipeline` runs.
    static func firstFrame<Format: PixelFormat>(
        _ format: Format.Type, of pipeline: Pipeline, sink: AppSink
    ) async throws -> RawVideoFrame<Format>? {
        async let first: RawVideoFrame<Format>? = {
            var first: RawVideoFrame<Format>?
            for try await frame in sink.videoFrames(Format.self) where first == nil { first = frame }
            return first
        }()
        try await pipeline.run()
        return try await first
    }

    @Test func typedPixelAccessOnStockTestPatterns() async throws {
        let rgbaSink = AppSink(sync: false)
        let red = try Pipeline {
            VideoTestSource.producing(RGBA.self, width: 8, height: 8, pattern: .red, numBuffers: 1)
            rgbaSink
        }
        let rgba = try #require(try await Self.firstFrame(RGBA.self, of: red, sink: rgbaSink))
        #expect(rgba.rgb(x: 3, y: 5) == (255, 0, 0))
        #expect(rgba.alpha(x: 3, y: 5) == 255)

        let i420Sink = AppSink(sync: false)
        let white = try Pipeline {
            VideoTestSource.producing(RGBA.self, width: 8, height: 8, pattern: .white, numBuffers: 1)
            VideoConvert.to(I420.self)
            i420Sink
        }
        let i420 = try #require(try await Self.firstFrame(I420.self, of: white, sink: i420Sink))
        #expect(i420.luma(x: 7, y: 7) == 235)
        #expect(i420.chroma(x: 7, y: 7) == (128, 128))
    }

    @Test func readingAnotherFormatThanNegotiatedThrows() async throws {
        let sink = AppSink(sync: false)
        let pipeline = try Pipeline {
            VideoTestSource.producing(I420.self, width: 8, height: 8, numBuffers: 1)
            sink
        }
        await #expect(throws: FrameLayoutError("appsink receives I420 frames, not NV12")) {
            _ = try await Self.firstFrame(NV12.self, of: pipeline, sink: sink)
        }
    }
}
