#if Network
import Foundation
import Glibc
import Parallax
import Testing

/// `rtpL16depay` against GStreamer's `rtpL16pay`, over UDP on loopback.
@Suite(.serialized) struct RTPL16Tests {
    @Test func depayloadsWhatGStreamerPayloadsByteForByte() async throws {
        let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = UDPTests.freePort()
        let received = directory.path("received.raw")
        let reference = directory.path("reference.raw")
        let receiver = try Pipeline(
            launch: "udpsrc port=\(port) num-buffers=20 "
                + "caps=\"application/x-rtp,media=audio,clock-rate=44100,encoding-name=L16,channels=2\" "
                + "! rtpL16depay ! filesink location=\(received)")
        try receiver.setState(.paused)  // bound: the packets wait in the kernel until it plays
        // 256 stereo samples per buffer: one packet each. The same audio goes to a file as the reference.
        let sent = try await LaunchProcess(
            ["-q", "audiotestsrc", "num-buffers=20", "samplesperbuffer=256", "wave=sine", "!",
             "audio/x-raw,format=S16BE,rate=44100,channels=2", "!", "tee", "name=t",
             "t.", "!", "queue", "!", "filesink", "location=\(reference)",
             "t.", "!", "queue", "!", "rtpL16pay", "!", "udpsink", "host=127.0.0.1", "port=\(port)"],
            executable: gst
        ).finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        try await receiver.run()
        let expected = try Data(contentsOf: URL(fileURLWithPath: reference))
        let got = try Data(contentsOf: URL(fileURLWithPath: received))
        #expect(expected.count == 20 * 256 * 4)
        #expect(got == expected)
        let negotiated = try #require(receiver.negotiated)
        #expect(negotiated.linkCaps.last?.description
            == "audio/x-raw, format=(string)S16BE, layout=(string)interleaved, rate=(int)44100, channels=(int)2")
    }

    @Test func gstreamerDepayloadsWhatRtpL16payPayloads() async throws {
        let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = UDPTests.freePort()
        let output = directory.path("depayloaded.raw")
        // 20 buffers of 4096 bytes: three packets each at the default mtu of 1400.
        let receiver = try LaunchProcess(
            ["udpsrc", "port=\(port)", "num-buffers=60",
             "caps=application/x-rtp,media=audio,clock-rate=44100,encoding-name=L16,channels=2", "!", "rtpL16depay",
             "!", "filesink", "location=\(output)"], executable: gst, pipeStdout: true)
        #expect(receiver.read(until: "Setting pipeline to PLAYING"))
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=20 sizetype=fixed sizemax=4096 filltype=pattern-span "
                + "! audio/x-raw,format=S16BE,layout=interleaved,rate=44100,channels=2 ! rtpL16pay "
                + "! udpsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let result = try await receiver.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(bytes == UDPTests.pattern(20 * 4096))
    }

    @Test func packetsThatAreNotRTPAreDropped() async throws {
        let port = UDPTests.freePort()
        let receiver = try Pipeline(
            launch: "udpsrc port=\(port) num-buffers=3 caps=\"application/x-rtp,media=audio,clock-rate=8000,"
                + "encoding-name=L16\" ! rtpL16depay name=depay ! appsink name=out sync=false")
        try receiver.setState(.paused)
        let sink = try #require(receiver.element(named: "out") as? AppSink)
        // Three datagrams: not RTP (version 0), a valid packet with two samples, a header past its end.
        let valid: [UInt8] = [0x80, 0x0B, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78]
        for datagram in [[UInt8](repeating: 0, count: 20), valid, [0x8F, 0x0B, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]] {
            #expect(Self.send(datagram, to: port))
        }
        async let collected: [[UInt8]] = {
            var all: [[UInt8]] = []
            for await buffer in sink.buffers { all.append(buffer.byteArray) }
            return all
        }()
        try await receiver.run()
        #expect(await collected == [[0x12, 0x34, 0x56, 0x78]])
    }

    static func send(_ bytes: [UInt8], to port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, target, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        return sent == bytes.count
    }
}
#endif  // Network
