import Foundation
import Testing

/// What `filesink` writes through `parallax-launch` is what other tools read.
@Suite("parallax-launch filesink output")
struct FileSinkOutputTests {
    @Test("three 64x48 I420 frames written by filesink are read by ffmpeg as three yuv420p frames")
    func ffmpegReadsRawVideo() async throws {
        let ffmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let ffmpeg else {
            print("skipped: ffmpeg is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("out.yuv")
        let output = try await LaunchProcess.run([
            "videotestsrc", "num-buffers=3", "!", "video/x-raw,format=I420,width=64,height=48", "!",
            "filesink", "location=\(path)",
        ])
        #expect(output.status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == 3 * 64 * 48 * 3 / 2)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-hide_banner", "-nostdin", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", "64x48", "-i", path,
            "-f", "null", "-",
        ]
        let log = directory.path("ffmpeg.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let report = try String(contentsOfFile: log, encoding: .utf8)
        // ffmpeg ends with a progress line such as "frame=    3 fps=0.0 q=-0.0 Lsize=N/A time=00:00:00.12 ...".
        let frames = report.components(separatedBy: "frame=").last?.drop { $0 == " " }.prefix { $0.isNumber }
        #expect(frames == "3")
    }
}
