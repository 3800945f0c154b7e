import Foundation
import Testing

/// `ivfparse` and `ivfmux` against files ffmpeg writes and reads.
@Suite("IVF interop with ffmpeg")
struct IVFInteropTests {
    /// Encodes five 64×48 frames at 25 fps with `encoder` into an IVF file.
    private func encode(_ ffmpeg: String, _ encoder: [String], _ path: String) throws -> Bool {
        let result = try ContainerTool.run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames", "5",
            ] + encoder + [path])
        if result.status != 0 { print("skipped: ffmpeg cannot encode with \(encoder): \(result.stderr)") }
        return result.status == 0
    }

    @Test(
        "ivfparse ! ivfmux gives back ffmpeg's VP8, VP9 and AV1 files byte for byte",
        arguments: [
            ["-c:v", "libvpx"], ["-c:v", "libvpx-vp9"], ["-c:v", "libaom-av1", "-cpu-used", "8"],
        ])
    func roundTripsFFmpegFiles(_ encoder: [String]) async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = directory.path("in.ivf"), copy = directory.path("out.ivf")
        guard try encode(ffmpeg, encoder, source) else { return }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(source)", "!", "ivfparse", "!", "ivfmux", "!", "filesink", "location=\(copy)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: source)))
        let codec = ["libvpx": "vp8", "libvpx-vp9": "vp9", "libaom-av1": "av1"][encoder[1]]!
        #expect(
            try ContainerTool.probe(ffprobe, copy, "stream=codec_name,width,height,nb_read_frames", countFrames: true)
                == ["stream|codec_name=\(codec)|width=64|height=48|nb_read_frames=5"])
        #expect(try ContainerTool.probe(ffprobe, copy, "packet=pts") == (0..<5).map { "packet|pts=\($0)" })
    }

    @Test(
        "AV1 through ivfparse ! matroskamux gets the av1C CodecPrivate ffmpeg writes",
        arguments: ["yuv420p", "yuv444p"])
    func av1CodecPrivateMatchesFFmpeg(_ pixelFormat: String) async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("in.ivf"), ours = directory.path("ours.mkv"), theirs = directory.path("theirs.mkv")
        guard try encode(ffmpeg, ["-pix_fmt", pixelFormat, "-c:v", "libaom-av1", "-cpu-used", "8"], ivf) else { return }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "matroskamux", "!", "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try ContainerTool.run(ffmpeg, ["-v", "error", "-y", "-i", ivf, "-c", "copy", theirs]).status == 0)
        /// The CodecPrivate element's payload (ID 0x63A2, one-byte size).
        func codecPrivate(_ path: String) throws -> [UInt8]? {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            guard let at = bytes.indices.dropLast(3).first(where: { bytes[$0] == 0x63 && bytes[$0 + 1] == 0xA2 })
            else { return nil }
            let size = Int(bytes[at + 2] & 0x7F)
            return Array(bytes[(at + 3)..<min(at + 3 + size, bytes.count)])
        }
        let expected = try codecPrivate(theirs)
        #expect(expected?.first == 0x81)
        #expect(try codecPrivate(ours) == expected)
        #expect(
            try ContainerTool.probe(ffprobe, ours, "stream=codec_name,pix_fmt,nb_read_frames", countFrames: true)
                == ["stream|codec_name=av1|pix_fmt=\(pixelFormat)|nb_read_frames=5"])
    }

    @Test("an IVF file ivfmux writes from 29.97 fps frames survives ffmpeg -c copy")
    func ffmpegCopiesWhatIvfmuxWrites() async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = directory.path("in.webm"), ours = directory.path("ours.ivf"), copied = directory.path("copy.ivf")
        let encoded = try ContainerTool.run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=30000/1001", "-frames", "6", "-c:v",
                "libvpx", source,
            ])
        guard encoded.status == 0 else {
            print("skipped: ffmpeg cannot encode VP8: \(encoded.stderr)")
            return
        }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(source)", "!", "matroskademux", "!", "ivfmux", "!", "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let header = [UInt8](try Data(contentsOf: URL(fileURLWithPath: ours)).prefix(32))
        #expect(Array(header[16..<28]) == [0x30, 0x75, 0, 0, 0xE9, 0x03, 0, 0, 6, 0, 0, 0])  // 30000/1001, 6 frames
        #expect(
            try ContainerTool.probe(
                ffprobe, ours, "stream=codec_name,width,height,r_frame_rate,nb_read_frames",
                countFrames: true)
                == ["stream|codec_name=vp8|width=96|height=64|r_frame_rate=30000/1001|nb_read_frames=6"])
        #expect(try ContainerTool.probe(ffprobe, ours, "packet=pts") == (0..<6).map { "packet|pts=\($0)" })
        let copy = try ContainerTool.run(ffmpeg, ["-v", "error", "-y", "-i", ours, "-c", "copy", copied])
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(try ContainerTool.ivfFrames(copied) == ContainerTool.ivfFrames(ours))
        #expect(try ContainerTool.ivfFrames(ours).count == 6)
    }

    @Test("a file that is not IVF, or is cut inside a frame, fails with the reason")
    func badInputFails() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let garbage = directory.path("garbage.ivf"), cut = directory.path("cut.ivf")
        try Data("RIFF0000WAVEfmt 0000000000000000000000".utf8).write(to: URL(fileURLWithPath: garbage))
        var header: [UInt8] =
            Array("DKIF".utf8) + [0, 0, 32, 0] + Array("VP80".utf8) + [64, 0, 48, 0, 25, 0, 0, 0, 1, 0, 0, 0]
        header += [UInt8](repeating: 0, count: 8) + [100, 0, 0, 0] + [UInt8](repeating: 0, count: 8) + [1, 2, 3]
        try Data(header).write(to: URL(fileURLWithPath: cut))
        let bad = try await LaunchProcess.run(["filesrc", "location=\(garbage)", "!", "ivfparse", "!", "fakesink"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "ERROR: from element /pipeline0/ivfparse0: ivfparse: not an IVF stream: bytes 0-3 are not \"DKIF\""))
        let truncated = try await LaunchProcess.run(["filesrc", "location=\(cut)", "!", "ivfparse", "!", "fakesink"])
        #expect(truncated.status == 1)
        #expect(
            truncated.stderr.contains(
                "ERROR: from element /pipeline0/ivfparse0: ivfparse: the stream ended at byte 47 inside frame 0, which starts at byte 32"
            ))
    }
}
