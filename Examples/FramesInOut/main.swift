import Glibc
import Parallax

// Generates GRAY8 frames in Swift as an `AsyncSequence` of typed `VideoFrame`s, pushes them into a typed
// pipeline through `AppSource` (`source.producing(GRAY8.self, …)` makes the pipeline `RawVideo<GRAY8>`, so
// the compiler checks what follows), passes them through stock elements (`videoscale ! identity ! queue`),
// reads them back with `for try await frame in sink.videoFrames`, and checks that every pixel that came
// out is the pixel that went in.

let width = 64
let height = 48
let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 24
let info = VideoInfo(format: .gray8, width: width, height: height)

/// Frame `index`: a pattern that differs in every frame, so a dropped or reordered frame is noticed.
func makeFrame(_ index: Int) -> VideoFrame? {
    var buffer = Buffer(copying: (0..<info.size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 13) })
    buffer.metadata.pts = .scale(UInt64(index), 1_000_000_000, 30)
    buffer.metadata.duration = .scale(1, 1_000_000_000, 30)
    return VideoFrame(buffer: buffer, info: info)
}

/// Every frame `frames` yields, in order.
func collect(_ frames: AppSinkFrames<VideoFrame>) async throws -> [VideoFrame] {
    var received: [VideoFrame] = []
    for try await frame in frames { received.append(frame) }
    return received
}

do {
    let frames = (0..<count).compactMap(makeFrame)
    let generated = AsyncStream<VideoFrame> { continuation in
        for frame in frames { continuation.yield(frame) }
        continuation.finish()
    }

    let source = AppSource()
    let sink = AppSink(sync: false)
    let pipeline = try Pipeline {
        source.producing(GRAY8.self, width: width, height: height)
        VideoScale()
        Identity()
        Queue()
        sink
    }

    async let received = collect(sink.videoFrames)
    async let fed: Void = {
        await source.feed.push(frames: generated)
        source.feed.endOfStream()
    }()
    try await pipeline.run()
    await fed
    let output = try await received

    let samePixels = { (a: VideoFrame, b: VideoFrame) -> Bool in
        a.info == b.info
            && (0..<height).allSatisfy { y in
                (0..<width).allSatisfy { x in a.pixel(x: x, y: y) == b.pixel(x: x, y: y) }
            }
    }
    let matching = zip(frames, output).filter(samePixels).count
    let bytes = output.reduce(0) { $0 + $1.buffer.length }
    guard output.count == frames.count, matching == frames.count else {
        print("mismatch: fed \(frames.count) frames, got \(output.count), \(matching) identical")
        exit(1)
    }
    print("frames-in-out: \(frames.count) frames of \(width)x\(height) GRAY8 (\(bytes) bytes) round-tripped intact")
} catch {
    print("error: \(error)")
    exit(1)
}
