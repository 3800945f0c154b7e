#if Network
import Foundation
import Parallax
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
            ["-q"]
                + "\(source) ! filesink location=\(directory.path("direct.raw"))".split(separator: " ").map(String.init)
        )
        #expect(direct.status == 0, "\(direct.stderr)")
        // With latency=200 (18000 ticks) four frames 3000 ticks apart are all held until EOS drains them.
        let through = try await LaunchProcess.run(
            ["-q"]
                + "\(source) ! rtpvrawpay ! rtpjitterbuffer \(latency) ! rtpvrawdepay ! filesink location=\(directory.path("jb.raw"))"
                .split(separator: " ").map(String.init))
        #expect(through.status == 0, "\(through.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: directory.path("direct.raw")))
        let received = try Data(contentsOf: URL(fileURLWithPath: directory.path("jb.raw")))
        #expect(expected.count == 4 * 64 * 48 * 4)
        #expect(received == expected)
    }

    /// GStreamer's payloader and udpsink (paced at 30 frames/s) into udpsrc ! rtpjitterbuffer latency=20 !
    /// rtpvrawdepay: the first packet waits for the latency, then the stream flows through in order.
    @Test func framesFromGStreamerCrossAJitterBuffer() async throws {
        guard FileManager.default.isExecutableFile(atPath: RTPRawVideoTests.gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = UDPTests.freePort()
        let output = directory.path("received.raw")
        let receiver = try Pipeline(
            launch: "udpsrc port=\(port) caps=\"\(RTPRawVideoTests.rtpCaps("RGBA"))\" ! rtpjitterbuffer latency=20 "
                + "! rtpvrawdepay ! identity eos-after=6 ! filesink location=\(output)")
        try receiver.setState(.paused)
        let sent = try await LaunchProcess(
            [
                "-q", "videotestsrc", "num-buffers=6", "pattern=ball", "!",
                "video/x-raw,format=RGBA,width=64,height=48",
                "!", "rtpvrawpay", "!", "udpsink", "host=127.0.0.1", "port=\(port)",
            ], executable: RTPRawVideoTests.gst
        ).finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        try await receiver.run()
        let expected = try await RTPRawVideoTests.reference("RGBA", directory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == expected)
    }
}
#endif  // Network
