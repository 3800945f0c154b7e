import Glibc
import Parallax

// Runs the same pipeline — a typed GRAY8 source, the stock `videoscale` (any raw video format: it keeps
// GRAY8 here), the example's `invert` filter, an appsink — twice: once built with the typed
// `@PipelineBuilder` (the compiler checks that `Invert` takes what `GrayRamp` and `VideoScale` give), once
// parsed from a launch string with both custom elements registered. Each run prints its frame count and an
// FNV-1a checksum of every output byte; the two lines must agree.

/// Frame count and FNV-1a (64-bit) checksum of every byte of `buffers`.
func summarize(_ buffers: AppSinkBuffers) async -> (frames: Int, checksum: UInt64) {
    var frames = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for await buffer in buffers {
        frames += 1
        buffer.withUnsafeBytes { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
    }
    return (frames, hash)
}

/// Runs `pipeline` while reading `sink`'s buffers, and prints the summary line for `label`.
func run(_ label: String, _ pipeline: Pipeline, sink: AppSink) async throws {
    async let summary = summarize(sink.buffers)
    try await pipeline.run()
    let (frames, checksum) = await summary
    print("\(label): \(frames) frames, checksum \(String(checksum, radix: 16))")
}

let frames = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10

do {
    let sink = AppSink().with(\.syncToClock, false)
    let typed = try Pipeline {
        GrayRamp().with(\.numBuffers, frames).named("ramp")
        VideoScale()
        Invert()
        sink.named("out").queued()
    }
    try await run("builder", typed, sink: sink)

    var registry = ElementRegistry.stock
    registry.register(GrayRamp.self)
    registry.register(Invert.self)
    let launched = try Pipeline(
        launch: "grayramp name=ramp num-buffers=\(frames) ! videoscale ! invert ! queue ! appsink name=out sync=false",
        registry: registry)
    guard let launchedSink = launched.element(named: "out") as? AppSink else {
        print("error: no appsink called out")
        exit(1)
    }
    try await run("launch", launched, sink: launchedSink)
} catch {
    print("error: \(error)")
    exit(1)
}
