import Foundation
import ParallaxCore
import Testing

/// `videotestsrc` in `I420_10LE` against GStreamer's: every sample of three frames (row padding aside, which
/// GStreamer leaves unwritten in reused buffers).
@Suite struct VideoTestSourceTenBitTests {
    @Test(arguments: [
        ("smpte", 67, 45), ("ball", 64, 48), ("colors", 67, 45), ("snow", 66, 44), ("gradient", 33, 17),
        ("smpte", 1280, 720), ("colors", 1280, 720),
    ])
    func drawsWhatGStreamerDraws(pattern: String, width: Int, height: Int) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = [
            "videotestsrc", "pattern=\(pattern)", "num-buffers=3", "!",
            "video/x-raw,format=I420_10LE,width=\(width),height=\(height)", "!", "filesink",
        ]
        try await ExternalTool.run(gst, ["-q"] + pipeline + ["location=" + directory.path("gst.yuv")])
        let ours = try await LaunchProcess.run(["-q"] + pipeline + ["location=" + directory.path("ours.yuv")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = [UInt8](ExternalTool.bytes(directory.path("gst.yuv")))
        let got = [UInt8](ExternalTool.bytes(directory.path("ours.yuv")))
        let info = VideoInfo(format: .i420_10le, width: width, height: height)
        #expect(expected.count == 3 * info.size && got.count == expected.count)
        guard got.count == expected.count else { return }
        let chroma = ((width + 1) / 2, (height + 1) / 2)
        var differing = 0
        for frame in 0..<3 {
            for (plane, (samples, rows)) in [(width, height), chroma, chroma].enumerated() {
                for row in 0..<rows {
                    let start = frame * info.size + info.offsets[plane] + row * info.strides[plane]
                    if got[start..<(start + 2 * samples)] != expected[start..<(start + 2 * samples)] { differing += 1 }
                }
            }
        }
        #expect(differing == 0, "\(differing) rows differ")
    }
}
