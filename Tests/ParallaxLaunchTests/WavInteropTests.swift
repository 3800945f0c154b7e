import Foundation
import Parallax
import Testing

/// `wavenc` and `wavparse` against GStreamer's wavenc, ffmpeg and ffprobe.
@Suite struct WavInteropTests {
    /// `count` bytes of a fixed pseudo-random pattern (a linear congruential generator started at `seed`).
    static func noise(_ path: String, count: Int = 4800, seed: UInt32 = 12345) throws {
        var state = seed
        let bytes = (0..<count).map { _ -> UInt8 in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(arguments: [("s16le", 2), ("f32le", 3), ("s24le", 1), ("u8", 6), ("f64le", 2)])
    func wavencWritesWhatGStreamerWritesByteForByte(format: String, channels: Int) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let raw = directory.path("in.raw")
        try Self.noise(raw)
        let pipeline = [
            "filesrc", "location=" + raw, "!", "rawaudioparse", "pcm-format=" + format,
            "sample-rate=8000", "num-channels=\(channels)", "!", "wavenc", "!", "filesink",
        ]
        try await ExternalTool.run(gst, ["-q"] + pipeline + ["location=" + directory.path("gst.wav")])
        let ours = try await LaunchProcess.run(["-q"] + pipeline + ["location=" + directory.path("ours.wav")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(directory.path("gst.wav"))
        #expect(expected.count > 4000)
        #expect(ExternalTool.bytes(directory.path("ours.wav")) == expected)
    }

    @Test func ffprobeReadsTheFormatAndDuration() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.wav")
        let ours = try await LaunchProcess.run([
            "-q", "audiotestsrc", "num-buffers=10", "samplesperbuffer=4800", "!",
            "audio/x-raw,format=S16LE,rate=48000,channels=2", "!", "wavenc", "!", "filesink", "location=" + file,
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        let stream = try await ExternalTool.probe(
            ffprobe, file,
            [
                "-show_entries", "stream=codec_name,sample_rate,channels,duration_ts,duration",
            ])
        #expect(
            stream == [
                "codec_name=pcm_s16le", "sample_rate=48000", "channels=2", "duration_ts=48000",
                "duration=1.000000",
            ])
    }

    @Test(arguments: [("pcm_s16le", "s16le", 2), ("pcm_f32le", "f32le", 3), ("pcm_s24le", "s24le", 1)])
    func wavparseDecodesWhatFFmpegWritesToIdenticalBytes(codec: String, raw: String, channels: Int) async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.wav"), reference = directory.path("ref.raw"), decoded = directory.path("out.raw")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000",
                "-t", "0.5", "-ac", "\(channels)", "-c:a", codec, file,
            ])
        try await ExternalTool.run(ffmpeg, ["-v", "error", "-i", file, "-f", raw, reference])
        let ours = try await LaunchProcess.run([
            "-q", "filesrc", "location=" + file, "blocksize=1001", "!",
            "wavparse", "!", "filesink", "location=" + decoded,
        ])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(reference)
        let sampleBytes = raw == "s16le" ? 2 : raw == "s24le" ? 3 : 4
        #expect(expected.count == 4000 * channels * sampleBytes)
        #expect(ExternalTool.bytes(decoded) == expected)
    }

    @Test func aHugeDataLengthReadsToTheEndAndTheFormatIsNegotiatedFromTheFile() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path("a.wav"), reference = directory.path("ref.raw"), output = directory.path("out.raw")
        try await ExternalTool.run(
            ffmpeg,
            [
                "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=11025",
                "-t", "0.2", "-c:a", "pcm_s16le", "-bitexact", file,
            ])
        try await ExternalTool.run(ffmpeg, ["-v", "error", "-i", file, "-f", "s16le", reference])
        var bytes = ExternalTool.bytes(file)
        let data = try #require(bytes.range(of: Data("data".utf8)))
        bytes.replaceSubrange(data.upperBound..<(data.upperBound + 4), with: [0xF0, 0xFF, 0xFF, 0x7F])
        try bytes.write(to: URL(fileURLWithPath: file))
        let pipeline = try Pipeline(
            launch: "filesrc location=\(file) ! wavparse ! audioconvert ! "
                + "audio/x-raw,format=S16LE ! filesink location=\(output)")
        try await pipeline.run()
        let negotiated = try #require(pipeline.negotiated)
        #expect(negotiated.linkCaps.contains { $0.description.contains("rate=(int)11025, channels=(int)1") })
        #expect(ExternalTool.bytes(output) == ExternalTool.bytes(reference))
    }

    @Test func badFilesAreErrorsNamingTheElementAndBytePosition() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func le(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let truncatedFmt =
            Array("RIFF".utf8) + le(100) + Array("WAVEfmt ".utf8) + le(12) + [1, 0, 2, 0] + le(8000)
            + [0, 0, 0, 0] + Array("data".utf8) + le(4) + [1, 2, 3, 4]
        let cases: [(bytes: [UInt8], error: String)] = [
            (truncatedFmt, "wavparse: the fmt chunk at byte 12 is 12 bytes, at least 16 are needed"),
            (
                Array("garbage, not a wave file at all".utf8),
                "wavparse: not a RIFF/WAVE stream: it starts with \"garbage, not\" at byte 0"
            ),
        ]
        for (index, item) in cases.enumerated() {
            let file = directory.path("bad\(index).wav")
            try Data(item.bytes).write(to: URL(fileURLWithPath: file))
            let ours = try await LaunchProcess.run([
                "-q", "filesrc", "location=" + file, "!", "wavparse", "!",
                "fakesink",
            ])
            #expect(ours.status == 1)
            #expect(ours.stderr.contains("wavparse0") && ours.stderr.contains(item.error), "\(ours.stderr)")
        }
    }
}
