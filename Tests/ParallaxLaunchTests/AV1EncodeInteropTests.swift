#if AV1
import Foundation
import Testing

/// `av1enc` and `av1parse` against ffprobe, ffmpeg (dav1d) and GStreamer (aom av1dec, av1enc).
@Suite("AV1 encoding interop with ffmpeg and GStreamer", .serialized)
struct AV1EncodeInteropTests {
    private static let source = [
        "videotestsrc", "num-buffers=30", "pattern=ball", "!", "video/x-raw,format=I420,width=320,height=240", "!",
    ]

    /// `ffprobe -show_entries ENTRIES -of compact` lines (after decoding every frame with `countFrames`).
    private static func probe(_ ffprobe: URL, _ path: String, _ entries: String, countFrames: Bool = false)
        async throws -> [String]
    {
        let arguments =
            ["-v", "error"] + (countFrames ? ["-count_frames"] : []) + [
                "-show_entries", entries, "-of", "compact", path,
            ]
        return try await ExternalTool.run(ffprobe, arguments).stdoutLines
    }

    /// PSNR in dB over all samples of two 8-bit files of the same size (infinity when they are equal).
    private static func psnr(_ a: Data, _ b: Data) -> Double {
        var squared = 0.0
        for (x, y) in zip(a, b) {
            let difference = Double(x) - Double(y)
            squared += difference * difference
        }
        guard squared > 0 else { return .infinity }
        return 10 * log10(255 * 255 * Double(a.count) / squared)
    }

    @Test("av1enc ! ivfmux: ffprobe counts 30 AV1 frames, dav1d decodes them close to the source")
    func ivfFromAv1encDecodesWithDav1d() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg"), let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("a.ivf"), raw = directory.path("source.yuv"), decoded = directory.path("decoded.yuv")
        let encoded = try await LaunchProcess.run(
            Self.source + ["av1enc", "speed-preset=10", "threads=1", "!", "ivfmux", "!", "filesink", "location=\(ivf)"])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let plain = try await LaunchProcess.run(Self.source + ["filesink", "location=\(raw)"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(
            try await Self.probe(ffprobe, ivf, "stream=codec_name,width,height,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|width=320|height=240|nb_read_frames=30"])
        let packets = try await Self.probe(ffprobe, ivf, "packet=pts,flags")
        #expect(packets.count == 30)
        #expect(packets.first == "packet|pts=0|flags=K_")
        #expect(packets.map { $0.split(separator: "|")[1] } == (0..<30).map { "pts=\($0)" })
        let decode = try await ExternalTool.run(
            ffmpeg,
            ["-v", "error", "-y", "-c:v", "libdav1d", "-i", ivf, "-f", "rawvideo", "-pix_fmt", "yuv420p", decoded])
        #expect(decode.status == 0, "\(decode.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: raw))
        let output = try Data(contentsOf: URL(fileURLWithPath: decoded))
        let frameBytes = 320 * 240 * 3 / 2
        #expect(original.count == frameBytes * 30)
        #expect(output.count == original.count)
        let quality = Self.psnr(original, output)
        #expect(quality > 45, "PSNR \(quality) dB")  // about 51 dB at quantizer 100
    }

    @Test("10-bit input: ffprobe reads yuv420p10le, av1dec decodes it close to the source; isolated the same bitstream")
    func tenBitEncodesAndIsolatedMatches() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("a.ivf"), isolatedIVF = directory.path("b.ivf")
        let raw = directory.path("source.yuv"), decoded = directory.path("decoded.yuv")
        let source = ["videotestsrc", "num-buffers=10", "!", "video/x-raw,format=I420_10LE,width=160,height=120", "!"]
        let encode = ["av1enc", "speed-preset=10", "threads=2", "!", "ivfmux", "!", "filesink"]
        let encoded = try await LaunchProcess.run(source + encode + ["location=\(ivf)"])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        let isolated = try await LaunchProcess.run(["-v", "--isolate", "av1enc*"] + source + encode + ["location=\(isolatedIVF)"])
        #expect(isolated.status == 0, "\(isolated.stderr)")
        #expect(isolated.stdoutLines.contains { $0.hasPrefix("/pipeline0/av1enc0: own host, sandbox(profile=compute ") })
        #expect(!isolated.stdout.contains("restarted"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: isolatedIVF)) == Data(contentsOf: URL(fileURLWithPath: ivf)))
        #expect(
            try await Self.probe(ffprobe, ivf, "stream=codec_name,pix_fmt,width,height,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|width=160|height=120|pix_fmt=yuv420p10le|nb_read_frames=10"])
        let plain = try await LaunchProcess.run(source + ["filesink", "location=\(raw)"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let decode = try await LaunchProcess.run([
            "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "av1dec", "!", "filesink", "location=\(decoded)",
        ])
        #expect(decode.status == 0, "\(decode.stderr)")
        let original = try Data(contentsOf: URL(fileURLWithPath: raw)), output = try Data(contentsOf: URL(fileURLWithPath: decoded))
        #expect(original.count == 10 * 160 * 120 * 3)  // 16-bit samples, GStreamer's I420_10LE layout
        #expect(output.count == original.count)
        var squared = 0.0
        for index in stride(from: 0, to: min(original.count, output.count), by: 2) {
            let a = Int(original[index]) | Int(original[index + 1]) << 8
            let b = Int(output[index]) | Int(output[index + 1]) << 8
            squared += Double((a - b) * (a - b))
        }
        let quality = 10 * log10(1023 * 1023 * Double(original.count / 2) / max(squared, 1))
        #expect(quality > 38, "PSNR \(quality) dB")  // about 42 dB at quantizer 100
    }

    @Test("av1enc ! webmmux: ffprobe reads 30 AV1 frames with their timestamps")
    func webmFromAv1encIsReadByFFprobe() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let webm = directory.path("a.webm")
        let encoded = try await LaunchProcess.run(
            Self.source + ["av1enc", "speed-preset=10", "threads=1", "!", "webmmux", "!", "filesink", "location=\(webm)"])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        #expect(
            try await Self.probe(
                ffprobe, webm, "stream=codec_name,width,height,pix_fmt,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|width=320|height=240|pix_fmt=yuv420p|nb_read_frames=30"])
        let lines = try await Self.probe(ffprobe, webm, "packet=pts")
        let expected: [String] = (0..<30).map { (index: Int) -> String in "packet|pts=\((index * 1000 + 15) / 30)" }
        #expect(lines == expected)
    }

    @Test("av1parse reframes an obu stream from a file: the IVF has the same frames and ffprobe reads it")
    func av1parseReframesAFileStream() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let obu = directory.path("a.obu"), direct = directory.path("direct.ivf"), parsed = directory.path("parsed.ivf")
        let short = [
            "videotestsrc", "num-buffers=8", "pattern=ball", "!", "video/x-raw,format=I420,width=96,height=64", "!",
        ]
        let written = try await LaunchProcess.run(
            short + ["av1enc", "speed-preset=10", "threads=1", "!", "filesink", "location=\(obu)"])
        #expect(written.status == 0, "\(written.stderr)")
        let muxed = try await LaunchProcess.run(
            short + ["av1enc", "speed-preset=10", "threads=1", "!", "ivfmux", "!", "filesink", "location=\(direct)"])
        #expect(muxed.status == 0, "\(muxed.stderr)")
        let reparsed = try await LaunchProcess.run([
            "filesrc", "location=\(obu)", "blocksize=100", "!", "av1parse", "!", "ivfmux", "!", "filesink",
            "location=\(parsed)",
        ])
        #expect(reparsed.status == 0, "\(reparsed.stderr)")
        #expect(try ContainerTool.ivfFrames(parsed) == ContainerTool.ivfFrames(direct))
        #expect(try ContainerTool.ivfFrames(parsed).count == 8)
        #expect(
            try await Self.probe(ffprobe, parsed, "stream=codec_name,width,height,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|width=96|height=64|nb_read_frames=8"])
    }

    @Test("av1parse writes Annex B that ffprobe reads, and reads it back to the same frames")
    func av1parseAnnexBRoundTrip() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let annexB = directory.path("a.av1"), direct = directory.path("direct.ivf"), back = directory.path("back.ivf")
        let short = [
            "videotestsrc", "num-buffers=8", "pattern=ball", "!", "video/x-raw,format=I420,width=96,height=64", "!",
            "av1enc", "speed-preset=10", "threads=1", "!",
        ]
        let written = try await LaunchProcess.run(
            short + ["av1parse", "!", "video/x-av1,stream-format=annexb", "!", "filesink", "location=\(annexB)"])
        #expect(written.status == 0, "\(written.stderr)")
        let muxed = try await LaunchProcess.run(short + ["ivfmux", "!", "filesink", "location=\(direct)"])
        #expect(muxed.status == 0, "\(muxed.stderr)")
        let probed = try await ExternalTool.run(
            ffprobe,
            [
                "-v", "error", "-f", "av1", "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames",
                "-of", "compact", annexB,
            ])
        #expect(probed.stdoutLines == ["stream|codec_name=av1|width=96|height=64|nb_read_frames=8"])
        let reparsed = try await LaunchProcess.run([
            "filesrc", "location=\(annexB)", "!", "av1parse", "!", "ivfmux", "!", "filesink", "location=\(back)",
        ])
        #expect(reparsed.status == 0, "\(reparsed.stderr)")
        #expect(try ContainerTool.ivfFrames(back) == ContainerTool.ivfFrames(direct))
    }

    @Test("GStreamer decodes av1enc's WebM, and av1parse frames GStreamer's av1enc stream with its caps")
    func gstreamerInterop() async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0"), let ffprobe = ExternalTool.find("ffprobe") else {
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let webm = directory.path("a.webm"), decoded = directory.path("decoded.yuv")
        let theirs = directory.path("gst.obu"), parsed = directory.path("gst.ivf")
        let written = try await LaunchProcess.run([
            "videotestsrc", "num-buffers=10", "pattern=ball", "!", "video/x-raw,format=I420,width=96,height=64", "!",
            "av1enc", "speed-preset=10", "threads=1", "!", "webmmux", "!", "filesink", "location=\(webm)",
        ])
        #expect(written.status == 0, "\(written.stderr)")
        let decode = try await ExternalTool.run(
            gst,
            ["-q"]
                + "filesrc location=\(webm) ! matroskademux ! av1parse ! av1dec ! videoconvert ! video/x-raw,format=I420 ! filesink location=\(decoded)"
                .split(separator: " ").map(String.init))
        if decode.status != 0, decode.stderr.contains("no element \"av1dec\"") {
            print("skipped: GStreamer has no av1dec")
            return
        }
        #expect(decode.status == 0, "\(decode.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: decoded)).count == 96 * 64 * 3 / 2 * 10)
        let encode = try await ExternalTool.run(
            gst,
            ["-q"]
                + "videotestsrc num-buffers=10 ! video/x-raw,width=96,height=64 ! av1enc cpu-used=8 ! video/x-av1,stream-format=obu-stream,alignment=tu ! filesink location=\(theirs)"
                .split(separator: " ").map(String.init))
        #expect(encode.status == 0, "\(encode.stderr)")
        let reparsed = try await LaunchProcess.run([
            "-v", "filesrc", "location=\(theirs)", "!", "av1parse", "!", "ivfmux", "!", "filesink",
            "location=\(parsed)",
        ])
        #expect(reparsed.status == 0, "\(reparsed.stderr)")
        #expect(reparsed.stdout.contains("width=(int)96, height=(int)64"))
        #expect(
            try await Self.probe(ffprobe, parsed, "stream=codec_name,width,height,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|width=96|height=64|nb_read_frames=10"])
    }

    @Test("av1parse reports garbage with its byte position")
    func av1parseRefusesGarbage() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("garbage.obu")
        try Data([0x12, 0x00, 0x32, 0x01, 0x00] + [UInt8](repeating: 0xFF, count: 40)).write(
            to: URL(fileURLWithPath: path))
        let result = try await LaunchProcess.run(["filesrc", "location=\(path)", "!", "av1parse", "!", "fakesink"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("av1parse: the OBU at byte 5 has its forbidden bit set (not an AV1 stream?)"))
    }
}
#endif  // AV1
