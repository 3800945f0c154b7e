#if AV1
import Foundation
import Testing

/// `av1dec` in `parallax-launch` pipelines against ffmpeg's libdav1d decoding of files ffmpeg encodes.
@Suite("AV1 decoding interop with ffmpeg")
struct AV1DecodeInteropTests {
    /// Encodes 20 frames of `testsrc` at `width`×`height` as `pixelFormat` into `path` (IVF or Matroska by the
    /// name); false (after printing why) when ffmpeg cannot.
    private func encode(_ ffmpeg: URL, _ width: Int, _ height: Int, _ pixelFormat: String, _ path: String)
        async throws -> Bool
    {
        let arguments = [
            "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=\(width)x\(height):rate=30", "-frames:v", "20",
            "-pix_fmt", pixelFormat, "-c:v", "libaom-av1", "-cpu-used", "8", path,
        ]
        let result = try await LaunchProcess(arguments, executable: ffmpeg).finish()
        if result.status != 0 { print("skipped: ffmpeg cannot encode AV1 with libaom: \(result.stderr)") }
        return result.status == 0
    }

    /// ffmpeg's decoding of `path` with libdav1d, frames packed tight, re-laid out as GStreamer lays out
    /// `I420`/`I420_10LE` (rows padded to 4 bytes, an even number of luma rows).
    private func reference(
        _ ffmpeg: URL, _ path: String, _ width: Int, _ height: Int, _ pixelFormat: String,
        _ directory: TemporaryDirectory
    ) async throws -> [UInt8] {
        let raw = directory.path("reference.yuv")
        let result = try await ExternalTool.run(
            ffmpeg,
            ["-v", "error", "-y", "-c:v", "libdav1d", "-i", path, "-f", "rawvideo", "-pix_fmt", pixelFormat, raw])
        #expect(result.status == 0, "\(result.stderr)")
        let tight = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
        let sample = pixelFormat == "yuv420p" ? 1 : 2
        func up4(_ v: Int) -> Int { (v + 3) & ~3 }
        let cw = (width + 1) / 2, ch = (height + 1) / 2
        let planes = [
            (width, height, up4(width * sample), up4(width * sample) * ((height + 1) & ~1)),
            (cw, ch, up4(cw * sample), up4(cw * sample) * ch), (cw, ch, up4(cw * sample), up4(cw * sample) * ch),
        ]
        var out: [UInt8] = []
        var at = 0
        while at < tight.count {
            for (w, h, stride, size) in planes {
                var plane = [UInt8](repeating: 0, count: size)
                for row in 0..<h {
                    plane.replaceSubrange(
                        (row * stride)..<(row * stride + w * sample), with: tight[at..<(at + w * sample)])
                    at += w * sample
                }
                out += plane
            }
        }
        return out
    }

    @Test(
        "filesrc ! ivfparse ! av1dec gives ffmpeg's libdav1d pictures in GStreamer's layout",
        arguments: [(320, 240, "yuv420p"), (321, 241, "yuv420p"), (321, 241, "yuv420p10le")])
    func decodesIVFLikeFFmpeg(_ width: Int, _ height: Int, _ pixelFormat: String) async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("in.ivf"), ours = directory.path("ours.yuv")
        guard try await encode(ffmpeg, width, height, pixelFormat, ivf) else { return }
        let output = try await LaunchProcess.run([
            "-v", "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "av1dec", "n-threads=2", "!", "filesink",
            "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let format = pixelFormat == "yuv420p" ? "I420" : "I420_10LE"
        #expect(
            output.stdoutLines.contains(
                "/pipeline0/av1dec0.src: caps = video/x-raw, format=(string)\(format), width=(int)\(width), height=(int)\(height), framerate=(fraction)30/1"
            ), "\(output.stdout)")
        let expected = try await reference(ffmpeg, ivf, width, height, pixelFormat, directory)
        #expect(expected.count > 0)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: ours))) == expected)
    }

    @Test("av1dec isolated under the compute sandbox, with its two decoding threads, gives the same pictures")
    func decodesIsolated() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("in.ivf"), ours = directory.path("ours.yuv")
        guard try await encode(ffmpeg, 320, 240, "yuv420p", ivf) else { return }
        let output = try await LaunchProcess.run([
            "-v", "--isolate", "av1dec*", "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "av1dec", "n-threads=2",
            "!", "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdoutLines.contains { $0.hasPrefix("/pipeline0/av1dec0: own host, sandbox(profile=compute ") },
                "\(output.stdout)")
        #expect(!output.stdout.contains("restarted"), "\(output.stdout)")
        let expected = try await reference(ffmpeg, ivf, 320, 240, "yuv420p", directory)
        let frameSize = 320 * 240 * 3 / 2
        #expect(expected.count == 20 * frameSize)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: ours))) == expected)
    }

    @Test(
        "filesrc ! matroskademux ! av1dec decodes what ffmpeg muxes into Matroska (the bit depth from av1C)",
        arguments: ["yuv420p", "yuv420p10le"])
    func decodesMatroska(_ pixelFormat: String) async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mkv = directory.path("in.mkv"), ours = directory.path("ours.yuv")
        guard try await encode(ffmpeg, 160, 120, pixelFormat, mkv) else { return }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(mkv)", "!", "matroskademux", "!", "av1dec", "!", "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: ours)))
                == (try await reference(ffmpeg, mkv, 160, 120, pixelFormat, directory)))
    }

    @Test("the sequence header is read before negotiation through queues and ivfparse")
    func readsTheFormatThroughQueuesAndTheParser() async throws {
        guard let ffmpeg = ExternalTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("in.ivf")
        guard try await encode(ffmpeg, 98, 66, "yuv420p10le", ivf) else { return }
        let output = try await LaunchProcess.run([
            "-v", "filesrc", "location=\(ivf)", "!", "queue", "!", "ivfparse", "!", "queue", "!", "av1dec", "!",
            "videoscale", "!", "video/x-raw,width=49,height=33", "!", "fakesink",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdoutLines
        #expect(
            lines.contains(
                "/pipeline0/av1dec0.src: caps = video/x-raw, width=(int)98, height=(int)66, format=(string)I420_10LE, "
                    + "framerate=(fraction)30/1"), "\(output.stdout)")
        // videoscale takes 8-bit formats only: a videoconvert goes in to reduce the samples.
        #expect(lines.contains { $0.hasPrefix("/pipeline0/videoconvert0: inserted between av1dec0 and videoscale0") })
    }

    @Test("an IVF file of undecodable frames ends in an error naming the frame, without a crash")
    func garbageFailsClearly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("bad.ivf")
        var bytes = Array("DKIF".utf8) + [0, 0, 32, 0] + Array("AV01".utf8) + [64, 0, 48, 0, 30, 0, 0, 0, 1, 0, 0, 0]
        bytes += [3, 0, 0, 0, 0, 0, 0, 0]
        let unit: [UInt8] = [0x12, 0x00, 0x0A, 0x03, 0xE0, 0x00, 0x00]  // a sequence header of profile 7
        for index in 0..<3 { bytes += [UInt8(unit.count), 0, 0, 0, UInt8(index), 0, 0, 0, 0, 0, 0, 0] + unit }
        try Data(bytes).write(to: URL(fileURLWithPath: ivf))
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "av1dec", "!", "fakesink",
        ])
        #expect(output.status != 0 && output.exited)
        #expect(
            output.stderr.contains(
                "ERROR: from element /pipeline0/av1dec0: av1dec: the stream ended without a decodable frame (could not decode frame 0 (invalid data: Error parsing OBU data))"
            ), "\(output.stderr)")
    }
}
#endif  // AV1
