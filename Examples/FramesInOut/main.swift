import Glibc
import Parallax

// Generates GRAY8 frames in Swift, pushes them into a pipeline through `AppSource`, passes them through
// stock elements (`identity ! queue`), reads them back from `AppSink` with `for await`, and checks that every
// byte that came out is the byte that went in.

let width = 64
let height = 48
let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 24

/// Frame `index`: a pattern that differs in every frame, so a dropped or reordered frame is noticed.
func makeFrame(_ index: Int) -> Buffer {
    var buffer = Buffer(copying: (0..<(width * height)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 13) })
    buffer.metadata.pts = .scale(UInt64(index), 1_000_000_000, 30)
    buffer.metadata.duration = .scale(1, 1_000_000_000, 30)
    return buffer
}

/// Pushes `frames` into `feed`, then ends the stream.
func feedFrames(_ frames: [Buffer], into feed: AppSourceFeed) async {
    for frame in frames { await feed.push(frame) }
    feed.endOfStream()
}

/// The bytes of every buffer `buffers` yields, in order.
func collect(_ buffers: AppSinkBuffers) async -> [[UInt8]] {
    var received: [[UInt8]] = []
    for await buffer in buffers { received.append(buffer.byteArray) }
    return received
}

do {
    var source = AppSource()
    source.caps = try Caps(parsing: "video/x-raw,format=GRAY8,width=\(width),height=\(height),framerate=30/1")
    let sink = AppSink().with(\.syncToClock, false)
    let pipeline = try Pipeline {
        source
        Identity()
        Queue()
        sink
    }

    let frames = (0..<count).map(makeFrame)
    async let received = collect(sink.buffers)
    async let fed: Void = feedFrames(frames, into: source.feed)
    try await pipeline.run()
    await fed
    let output = await received

    let matching = zip(frames, output).filter { $0.byteArray == $1 }.count
    let bytes = output.reduce(0) { $0 + $1.count }
    guard output.count == frames.count, matching == frames.count else {
        print("mismatch: fed \(frames.count) frames, got \(output.count), \(matching) identical")
        exit(1)
    }
    print("frames-in-out: \(frames.count) frames of \(width)x\(height) GRAY8 (\(bytes) bytes) round-tripped intact")
} catch {
    print("error: \(error)")
    exit(1)
}
