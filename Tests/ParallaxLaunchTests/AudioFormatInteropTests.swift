import Foundation
import Testing

/// audioconvert's integer and big-endian formats (S8, U8, S24LE/BE packed, S32BE, F32BE, F64BE) against
/// GStreamer's audioconvert, and 24-bit PCM through WAV and Matroska against ffprobe.
@Suite struct AudioFormatInteropTests {
    /// Runs `head ! audioconvert dithering=none ! audio/x-raw,format=OUT ! filesink` in both and compares bytes.
    static func compare(_ head: [String], to format: String, in directory: TemporaryDirectory) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let pipeline = head + ["!", "audioconvert", "dithering=none", "!", "audio/x-raw,format=" + format, "!", "filesink"]
        try await ExternalTool.run(gst, ["-q"] + pipeline + ["location=" + directory.path("gst.raw")])
        let ours = try await LaunchProcess.run(["-q"] + pipeline + ["location=" + directory.path("ours.raw")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(directory.path("gst.raw"))
        #expect(expected.count > 10_000)
        #expect(ExternalTool.bytes(directory.path("ours.raw")) == expected, "to \(format)")
    }

    @Test(
        "integer conversions round and saturate as GStreamer's",
        arguments: [
            ("s24le", "S16LE"), ("s16le", "S24BE"), ("s32be", "S16LE"), ("s24be", "S32LE"), ("s8", "S16LE"),
            ("s16le", "S8"), ("s16le", "U8"), ("u8", "S24LE"), ("s32le", "S24LE"), ("s16be", "S32BE"), ("s24le", "U8"),
        ])
    func integerConversionsMatchGStreamer(from input: String, to output: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // 48 000 bytes: every bit pattern of every integer format occurs.
        try WavInteropTests.noise(directory.path("in.raw"), count: 48_000, seed: 2024)
        try await Self.compare(
            ["filesrc", "location=" + directory.path("in.raw"), "!", "rawaudioparse", "pcm-format=" + input,
             "sample-rate=8000", "num-channels=2"],
            to: output, in: directory)
    }

    @Test(
        "floats become integers and big-endian floats as GStreamer's",
        arguments: ["S16LE", "S24LE", "S24BE", "S32BE", "S8", "U8", "F32BE", "F64BE"])
    func floatConversionsMatchGStreamer(to output: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // audiotestsrc's sine is bit-identical in both.
        try await Self.compare(
            ["audiotestsrc", "wave=sine", "freq=441", "volume=0.9", "num-buffers=10", "!",
             "audio/x-raw,format=F32LE,rate=8000,channels=2"],
            to: output, in: directory)
    }

    @Test("a 24-bit WAV file from ffmpeg converts to 16 bits as GStreamer converts it")
    func twentyFourBitWavConvertsAsGStreamer() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let wav = directory.path("in.wav")
        try await ExternalTool.run(
            ffmpeg, ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=0.5",
                     "-c:a", "pcm_s24le", wav])
        try await Self.compare(["filesrc", "location=" + wav, "!", "wavparse"], to: "S16LE", in: directory)
    }

    @Test("24-bit and big-endian PCM tracks in Matroska are what ffprobe reads")
    func matroskaCarriesTwentyFourBitAndBigEndianPCM() async throws {
        guard let ffprobe = ExternalTool.find("ffprobe") else { return }
        for (format, codec) in [("S24LE", "pcm_s24le"), ("S32BE", "pcm_s32be"), ("S16BE", "pcm_s16be")] {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let file = directory.path("a.mka")
            let ours = try await LaunchProcess.run([
                "-q", "audiotestsrc", "num-buffers=10", "!", "audioconvert", "!",
                "audio/x-raw,format=\(format),rate=48000,channels=2", "!", "matroskamux", "!", "filesink",
                "location=" + file,
            ])
            #expect(ours.status == 0, "\(ours.stderr)")
            let stream = try await ExternalTool.probe(
                ffprobe, file, ["-show_entries", "stream=codec_name,sample_rate,channels"])
            #expect(stream == ["codec_name=\(codec)", "sample_rate=48000", "channels=2"])
        }
    }
}
