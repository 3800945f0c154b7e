#if Network
import Foundation
import Glibc
import Parallax
import Synchronization
import Testing

/// `udpsink` and `udpsrc` on loopback, between Parallax pipelines and against GStreamer's.
@Suite(.serialized) struct UDPTests {
    /// A UDP port nobody is using now (bound to port 0, read back, released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(fd, pointer, length)
                _ = getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func pattern(_ count: Int, from start: Int = 0) -> [UInt8] {
        (start..<start + count).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// A receiver pipeline that is bound (PAUSED) and will collect what it gets once run.
    static func receiver(port: Int, buffers: Int) throws -> (Pipeline, AppSink) {
        let pipeline = try Pipeline(launch: "udpsrc port=\(port) num-buffers=\(buffers) ! appsink name=out sync=false")
        try pipeline.setState(.paused)  // the socket is bound from here on: datagrams wait in the kernel
        return (pipeline, try #require(pipeline.element(named: "out") as? AppSink))
    }

    static func collect(_ pipeline: Pipeline, _ sink: AppSink) async throws -> [[UInt8]] {
        async let collected: [[UInt8]] = {
            var all: [[UInt8]] = []
            for await buffer in sink.buffers { all.append(buffer.byteArray) }
            return all
        }()
        try await pipeline.run()
        return await collected
    }

    @Test func anEndOfStreamRequestEndsAUdpsrcThatWaitsForDatagrams() async throws {
        // Nothing is ever sent: udpsrc waits in poll. Asking for EOS (what Ctrl-C does in parallax-launch) must wake
        // it so that EOS reaches the sink, as GStreamer's sources are unlocked by an EOS event.
        let pipeline = try Pipeline(launch: "udpsrc port=\(Self.freePort()) ! fakesink")
        try pipeline.setState(.playing)
        let ended = Mutex(false)
        pipeline.bus.observe { message in
            if case .endOfStream = message { ended.withLock { $0 = true } }
        }
        let running = Task { try await pipeline.run() }
        pipeline.sendEndOfStream()
        // A guard, not a synchronisation: were the source not woken, this stops the run (without EOS) so that the
        // test fails instead of hanging.
        let guardStop = Task {
            try await Task.sleep(for: .seconds(20))
            pipeline.stop()
        }
        try await running.value
        guardStop.cancel()
        #expect(ended.withLock { $0 })
    }

    @Test func datagramsCrossBetweenTwoPipelines() async throws {
        let port = Self.freePort()
        let (receiver, sink) = try Self.receiver(port: port, buffers: 5)
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=5 sizetype=fixed sizemax=1000 filltype=pattern ! udpsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let received = try await Self.collect(receiver, sink)
        #expect(received == Array(repeating: Self.pattern(1000), count: 5))
    }

    @Test func gstreamerReceivesWhatUdpsinkSends() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = Self.freePort()
        let output = directory.path("received.bin")
        let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let receiver = try LaunchProcess(
            ["udpsrc", "port=\(port)", "num-buffers=3", "!", "filesink", "location=\(output)"], executable: gst,
            pipeStdout: true)
        #expect(receiver.read(until: "Setting pipeline to PLAYING"))  // udpsrc binds before PAUSED
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=3 sizetype=fixed sizemax=800 filltype=pattern-span "
                + "! udpsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let result = try await receiver.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(bytes == Self.pattern(2400))
    }

    @Test func udpsrcReceivesWhatGStreamerSends() async throws {
        let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let port = Self.freePort()
        let (receiver, sink) = try Self.receiver(port: port, buffers: 4)
        let sent = try await LaunchProcess(
            ["-q", "fakesrc", "num-buffers=4", "sizetype=fixed", "sizemax=700", "filltype=pattern", "!", "udpsink",
             "host=127.0.0.1", "port=\(port)"], executable: gst
        ).finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        let received = try await Self.collect(receiver, sink)
        #expect(received == Array(repeating: Self.pattern(700), count: 4))
    }

    @Test func aTakenPortIsAnErrorNamingTheAddress() async throws {
        let port = Self.freePort()
        let holder = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        let result = try await LaunchProcess.run(["udpsrc", "port=\(port)", "!", "fakesink"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("udpsrc: could not bind to 0.0.0.0:\(port): Address already in use"),
            "\(result.stderr)")
    }

    @Test func anUnresolvableHostAndAnOversizedBufferAreErrors() async throws {
        let host = try await LaunchProcess.run(
            ["fakesrc", "num-buffers=1", "!", "udpsink", "host=no-such-host.invalid", "port=9"])
        #expect(host.status == 1)
        #expect(host.stderr.contains("udpsink: could not resolve host \"no-such-host.invalid\": "), "\(host.stderr)")
        let big = try await LaunchProcess.run(
            ["fakesrc", "num-buffers=1", "sizetype=fixed", "sizemax=70000", "!", "udpsink", "host=127.0.0.1", "port=9"])
        #expect(big.status == 1)
        #expect(big.stderr.contains("udpsink: a buffer of 70000 bytes does not fit in a UDP datagram"), "\(big.stderr)")
    }
}
#endif  // Network
