#if Network
import Foundation
import Glibc
import Parallax
import Testing

/// `rtpvrawpay` / `rtpvrawdepay` (RFC 4175) against GStreamer's, over UDP on loopback, for every sampling.
@Suite(.serialized) struct RTPRawVideoTests {
    static let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")
    static let samplings = [("RGBA", "RGBA"), ("RGB", "RGB"), ("BGRA", "BGRA"), ("UYVY", "YCbCr-4:2:2")]

    static func rtpCaps(_ sampling: String) -> String {
        "application/x-rtp,media=video,clock-rate=90000,encoding-name=RAW,sampling=\(sampling),"
            + "depth=(string)8,width=(string)64,height=(string)48"
    }

    /// Five frames of the ball pattern, as the reference for what crosses.
    static func reference(_ format: String, _ directory: TemporaryDirectory) async throws -> Data {
        let path = directory.path("reference-\(format).raw")
        let pipeline = try Pipeline(
            launch: "videotestsrc num-buffers=5 pattern=ball ! video/x-raw,format=\(format),width=64,height=48 "
                + "! filesink location=\(path)")
        try await pipeline.run()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test(arguments: samplings)
    func gstreamerDepayloadsWhatRtpvrawpaySends(_ format: String, _ sampling: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = UDPTests.freePort()
        let output = directory.path("received.raw")
        // Six frames sent; the sixth only ends the receiver (identity eos-after=6 passes five).
        let receiver = try LaunchProcess(
            ["udpsrc", "port=\(port)", "caps=\(Self.rtpCaps(sampling))", "!", "rtpvrawdepay", "!", "identity",
             "eos-after=6", "!", "filesink", "location=\(output)"], executable: Self.gst, pipeStdout: true)
        #expect(receiver.read(until: "Setting pipeline to PLAYING"))
        let sender = try Pipeline(
            launch: "videotestsrc num-buffers=6 pattern=ball ! video/x-raw,format=\(format),width=64,height=48 "
                + "! rtpvrawpay ! udpsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let result = try await receiver.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try await Self.reference(format, directory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == expected)
    }

    @Test(arguments: samplings)
    func rtpvrawdepayRebuildsWhatGStreamerSends(_ format: String, _ sampling: String) async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = UDPTests.freePort()
        let output = directory.path("received.raw")
        let receiver = try Pipeline(
            launch: "udpsrc port=\(port) caps=\"\(Self.rtpCaps(sampling))\" ! rtpvrawdepay ! identity eos-after=6 "
                + "! filesink location=\(output)")
        try receiver.setState(.paused)
        let sent = try await LaunchProcess(
            ["-q", "videotestsrc", "num-buffers=6", "pattern=ball", "!", "video/x-raw,format=\(format),width=64,height=48",
             "!", "rtpvrawpay", "!", "udpsink", "host=127.0.0.1", "port=\(port)"], executable: Self.gst
        ).finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        try await receiver.run()
        let expected = try await Self.reference(format, directory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == expected)
        #expect(receiver.negotiated?.linkCaps[1].structures.first?.string("format") == format)
    }

    @Test func segmentsOutsideTheFrameAreRefused() async throws {
        let port = UDPTests.freePort()
        let receiver = try Pipeline(
            launch: "udpsrc port=\(port) num-buffers=2 caps=\"\(Self.rtpCaps("RGBA"))\" ! rtpvrawdepay "
                + "! appsink name=out sync=false")
        try receiver.setState(.paused)
        let sink = try #require(receiver.element(named: "out") as? AppSink)
        // Marker packets: one with a segment on line 48 of a 48-line frame, one 4 bytes past the line's end.
        let rtp: [UInt8] = [0x80, 0x80 | 96, 0, 1, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0]
        #expect(RTPL16Tests.send(rtp + [0, 4, 0, 48, 0, 0] + [1, 2, 3, 4], to: port))
        #expect(RTPL16Tests.send(rtp + [0, 8, 0, 0, 0, 63] + [UInt8](repeating: 7, count: 8), to: port))
        async let collected: Int = {
            var count = 0
            for await _ in sink.buffers { count += 1 }
            return count
        }()
        try await receiver.run()
        #expect(await collected == 0)
    }
}
#endif  // Network
