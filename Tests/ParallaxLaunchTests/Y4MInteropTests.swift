import Foundation
import Parallax
import Testing

/// `y4menc` and `y4mdec` against GStreamer's y4menc, ffmpeg and ffprobe.
@Suite struct Y4MInteropTests {
    @Test(arguments: ["I420,width=64,height=48", "Y444,width=32,height=16,framerate=30000/1001"])
    func y4mencWritesWhatGStreamerWritesByteForByte(format: String) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pipeline = [
            "videotestsrc", "num-buffers=3", "!", "video/x-raw,format=" + format, "!", "y4menc", "!",
            "filesink",
        ]
        try await ExternalTool.run(gst, ["-q"] + pipeline + ["location=" + directory.path("gst.y4m")])
        let ours = try await LaunchProcess.run(["-q"] + pipeline + ["location=" + directory.path("ours.y4m")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(directory.path("gst.y4m"))
        #expect(expected.count > 3 * 16 * 32)
        #expect(ExternalTool.bytes(directory.path("ours.y4m")) == expected)
    }

    @Test func ffprobeReadsTheStreamParametersFramesAndTimestamps() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m")
        let ours = try await LaunchProcess.run([
            "-q", "videotestsrc", "num-buffers=5", "!", "video/x-raw,format=I420,width=64,height=48,framerate=25/1",
            "!", "y4menc", "!", "filesink", "location=" + file,
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        let stream = try await ExternalTool.probe(
            ffprobe, file,
            [
                "-count_frames", "-show_entries", "stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames",
            ])
        #expect(
            stream == [
                "codec_name=rawvideo", "width=64", "height=48", "pix_fmt=yuv420p", "r_frame_rate=25/1",
                "nb_read_frames=5",
            ])
        let times = try await ExternalTool.probe(ffprobe, file, ["-show_entries", "frame=pts_time"])
        #expect(
            times == [
                "pts_time=0.000000", "pts_time=0.040000", "pts_time=0.080000", "pts_time=0.120000",
                "pts_time=0.160000",
            ])
    }

    @Test(arguments: ["4096", "1000", "1000000"])
    func y4mdecDecodesWhatFFmpegWritesToIdenticalBytes(blocksize: String) async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m"), reference = directory.path("ref.yuv"), decoded = directory.path("out.yuv")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25",
                "-frames", "5", "-pix_fmt", "yuv420p", file,
            ])
        try await ExternalTool.run(ffmpeg, ["-v", "error", "-i", file, "-f", "rawvideo", reference])
        let ours = try await LaunchProcess.run([
            "-q", "filesrc", "location=" + file, "blocksize=" + blocksize, "!",
            "y4mdec", "!", "filesink", "location=" + decoded,
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(reference)
        #expect(expected.count == 23040)  // 5 frames of 64×48 I420
        #expect(ExternalTool.bytes(decoded) == expected)
    }

    @Test func tenBitC420p10GoesThroughY4mdecAndY4mencAsFFmpegWritesIt() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m"), reference = directory.path("ref.yuv"), decoded = directory.path("out.yuv")
        let encoded = directory.path("ours.y4m"), reread = directory.path("reread.yuv")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames", "3", "-pix_fmt",
                "yuv420p10le", "-strict", "-1", file,
            ])
        try await ExternalTool.run(ffmpeg, ["-v", "error", "-i", file, "-f", "rawvideo", reference])
        let ours = try await LaunchProcess.run([
            "-v", "filesrc", "location=" + file, "!", "y4mdec", "!", "tee", "name=t", "!", "queue", "!", "filesink",
            "location=" + decoded, "t.", "!", "queue", "!", "y4menc", "!", "filesink", "location=" + encoded,
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(ours.stdout.contains("/pipeline0/y4mdec0.src: caps = video/x-raw, format=(string)I420_10LE"))
        let expected = ExternalTool.bytes(reference)
        #expect(expected.count == 3 * 64 * 48 * 3)  // 2 bytes a sample, 1.5 samples a pixel
        #expect(ExternalTool.bytes(decoded) == expected)
        #expect(ExternalTool.bytes(encoded).starts(with: Array("YUV4MPEG2 C420p10 W64 H48 ".utf8)))
        try await ExternalTool.run(ffmpeg, ["-v", "error", "-i", encoded, "-f", "rawvideo", reread])
        #expect(ExternalTool.bytes(reread) == expected)
    }

    @Test func theFileFormatIsKnownBeforeNegotiationSoConvertersFitAfterTheDecoder() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m"), output = directory.path("out.rgba")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=80x32:rate=10",
                "-frames", "3", "-pix_fmt", "yuv444p", file,
            ])
        let pipeline = try Pipeline(
            launch: "filesrc location=\(file) ! y4mdec ! videoconvert ! "
                + "video/x-raw,format=RGBA ! filesink location=\(output)")
        try await pipeline.run()
        let negotiated = try #require(pipeline.negotiated)
        #expect(
            negotiated.linkCaps.contains {
                $0.description.hasPrefix(
                    "video/x-raw, format=(string)Y444, width=(int)80, height=(int)32, framerate=(fraction)10/1")
            })
        #expect(ExternalTool.bytes(output).count == 30720)  // 3 frames of 80×32 RGBA
    }

    @Test func aTruncatedFileIsAnErrorNamingTheElementAndBytePosition() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m"), cut = directory.path("cut.y4m")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25",
                "-frames", "5", "-pix_fmt", "yuv420p", file,
            ])
        let bytes = ExternalTool.bytes(file)
        let header = try #require(bytes.firstIndex(of: 0x0A)) + 1
        try bytes.prefix(header + 2 * (6 + 4608) + 100).write(to: URL(fileURLWithPath: cut))
        let ours = try await LaunchProcess.run(["-q", "filesrc", "location=" + cut, "!", "y4mdec", "!", "fakesink"])
        #expect(ours.status == 1)
        #expect(
            ours.stderr.contains(
                "ERROR: from element /pipeline0/y4mdec0: y4mdec: the stream ends inside frame 2 "
                    + "at byte \(header + 2 * 4614): 100 bytes left, a 64×48 I420 frame takes 4608 after its FRAME line"
            ))
    }

    @Test func aHeaderWithTheWrongSizeIsAnErrorAtTheFirstMisplacedFrame() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.y4m"), wrong = directory.path("wrong.y4m")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25",
                "-frames", "3", "-pix_fmt", "yuv420p", file,
            ])
        var bytes = ExternalTool.bytes(file)
        let header = try #require(bytes.firstIndex(of: 0x0A)) + 1
        let text = String(decoding: bytes.prefix(header), as: UTF8.self).replacingOccurrences(of: "H48", with: "H46")
        bytes = Data(text.utf8) + bytes.dropFirst(header)
        try bytes.write(to: URL(fileURLWithPath: wrong))
        let ours = try await LaunchProcess.run(["-q", "filesrc", "location=" + wrong, "!", "y4mdec", "!", "fakesink"])
        #expect(ours.status == 1)
        // 64×46 takes 4416 bytes: the second FRAME is looked for 192 bytes early, inside the first frame's planes.
        #expect(
            ours.stderr.contains(
                "ERROR: from element /pipeline0/y4mdec0: y4mdec: expected FRAME at byte \(header + 6 + 4416) (frame 1)")
        )
    }

    @Test func ffmpegReadsFramesWhoseRowsArePaddedInMemoryAsPackedRows() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Y444 17×9: rows of 17 bytes, 20 apart in memory; three frames of 540 bytes.
        let frames = (0..<1620).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 20) }
        try Data(frames).write(to: URL(fileURLWithPath: directory.path("in.yuv")))
        let ours = try await LaunchProcess.run([
            "-q", "filesrc", "location=" + directory.path("in.yuv"), "!", "rawvideoparse", "format=y444", "width=17",
            "height=9", "!", "y4menc", "!", "filesink", "location=" + directory.path("a.y4m"),
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        try await ExternalTool.run(
            ffmpeg, ["-v", "error", "-i", directory.path("a.y4m"), "-f", "rawvideo", directory.path("out.yuv")])
        let packed = (0..<27 * 3).flatMap { row in frames[(row * 20)..<(row * 20 + 17)] }
        #expect(ExternalTool.bytes(directory.path("out.yuv")) == Data(packed))
    }
}
