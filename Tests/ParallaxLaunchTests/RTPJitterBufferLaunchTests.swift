import Foundation
import Testing

/// `rtpjitterbuffer` inside a running pipeline: what it holds goes on (in order) through the executor, and what
/// it still holds at end of stream is drained before EOS.
@Suite struct RTPJitterBufferLaunchTests {
    @Test(arguments: ["latency=0", "latency=200"])
    func framesCrossAJitterBufferUnchanged(_ latency: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = "videotestsrc num-buffers=4 ! video/x-raw,format=RGBA,width=64,height=48"
        let direct = try await LaunchProcess.run(
            ["-q"] + "\(source) ! filesink location=\(directory.path("direct.raw"))".split(separator: " ").map(String.init))
        #expect(direct.status == 0, "\(direct.stderr)")
        // With latency=200 (18000 ticks) four frames 3000 ticks apart are all held until EOS drains them.
        let through = try await LaunchProcess.run(
            ["-q"] + "\(source) ! rtpvrawpay ! rtpjitterbuffer \(latency) ! rtpvrawdepay ! filesink location=\(directory.path("jb.raw"))"
                .split(separator: " ").map(String.init))
        #expect(through.status == 0, "\(through.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: directory.path("direct.raw")))
        let received = try Data(contentsOf: URL(fileURLWithPath: directory.path("jb.raw")))
        #expect(expected.count == 4 * 64 * 48 * 4)
        #expect(received == expected)
    }
}
