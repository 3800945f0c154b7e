import Glibc
import Parallax

// Registers the example's `brightness` element next to the stock ones and runs it from a launch string:
// 30 frames of SMPTE bars, brightened, written as raw RGBA that ffmpeg and GStreamer can read.
var registry = ElementRegistry.stock
registry.register(Brightness.self)

let arguments = CommandLine.arguments.dropFirst()
let adjustment = arguments.first.flatMap { Int($0) } ?? 40
let location = arguments.dropFirst().first ?? "brightness.rgba"
let description = "videotestsrc num-buffers=30 ! video/x-raw,format=RGBA,width=320,height=240,framerate=30/1 "
    + "! brightness adjustment=\(adjustment) ! filesink location=\(location)"

do {
    let pipeline = try Pipeline(launch: description, registry: registry)
    try await pipeline.run()
    let frames = pipeline.statistics.first { $0.element == "filesink0" }
    print("brightness \(adjustment): wrote \(frames?.buffers ?? 0) frames (\(frames?.bytes ?? 0) bytes) to \(location)")
} catch {
    print(error)
    exit(1)
}
