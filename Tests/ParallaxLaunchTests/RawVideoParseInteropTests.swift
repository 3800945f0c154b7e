import Foundation
import Testing

/// `rawvideoparse` against GStreamer's: the same frames, in the same padded layout, from the same raw file.
@Suite struct RawVideoParseInteropTests {
    @Test(arguments: [("i420", "62", "30"), ("y42b", "30", "10"), ("y444", "17", "9"), ("i420-10le", "21", "13")])
    func cutsAndRepacksFramesAsGStreamerDoes(format: String, width: String, height: String) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let raw = directory.path("in.raw")
        var state: UInt32 = 99
        let bytes = (0..<20000).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: raw))
        let pipeline = [
            "filesrc", "location=" + raw, "blocksize=777", "!", "rawvideoparse", "format=" + format,
            "width=" + width, "height=" + height, "framerate=25/1", "!", "filesink",
        ]
        try await ExternalTool.run(gst, ["-q"] + pipeline + ["location=" + directory.path("gst.yuv")])
        let ours = try await LaunchProcess.run(["-q"] + pipeline + ["location=" + directory.path("ours.yuv")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(directory.path("gst.yuv"))
        #expect(expected.count > 1000)
        #expect(ExternalTool.bytes(directory.path("ours.yuv")) == expected)
    }
}
