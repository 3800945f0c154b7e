#if Network
import Foundation
import Glibc
import Parallax
import Testing

/// The TCP elements on loopback, between Parallax pipelines and against GStreamer's, and their errors.
@Suite(.serialized) struct TCPTests {
    static let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")

    /// A TCP port nobody listens on now (bound to port 0, read back, released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(fd, pointer, length)
                _ = getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// `count` buffers of fakesrc's `filltype=pattern` (each 0, 1, 2 … of `size` bytes), concatenated.
    static func pattern(buffers count: Int, size: Int) -> Bytes {
        Bytes(Array((0..<count).map { _ in (0..<size).map { UInt8(truncatingIfNeeded: $0) } }.joined()))
    }

    /// Bytes compared whole and described by their count (a failed comparison prints no megabyte arrays).
    struct Bytes: Equatable, CustomStringConvertible {
        var values: [UInt8]
        init(_ values: [UInt8]) { self.values = values }
        var description: String { "\(values.count) bytes" }
    }

    static func gstAvailable() -> Bool {
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return false
        }
        return true
    }

    static func collect(_ pipeline: Pipeline, _ sink: AppSink) async throws -> [UInt8] {
        async let collected: [UInt8] = {
            var all: [UInt8] = []
            for await buffer in sink.buffers { all += buffer.byteArray }
            return all
        }()
        try await pipeline.run()
        return await collected
    }

    @Test func gstreamerTcpclientsrcReceivesWhatTcpserversinkSends() async throws {
        guard Self.gstAvailable() else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("received.bin")
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=6 sizetype=fixed sizemax=1000 filltype=pattern "
                + "! tcpserversink name=server host=127.0.0.1 port=0")
        try sender.setState(.paused)  // listening from here on; fakesrc waits for PLAYING
        let port = try #require(sender.element(named: "server") as? TCPServerSink).currentPort
        #expect(port > 0)
        let receiver = try LaunchProcess(
            ["tcpclientsrc", "host=127.0.0.1", "port=\(port)", "!", "filesink", "location=\(output)"],
            executable: Self.gst, pipeStdout: true)
        #expect(receiver.read(until: "Pipeline is PREROLLING"))
        // tcpclientsrc connects when it first needs data, which can be after PREROLLING is printed: wait until the
        // kernel shows the connection, so the sender does not finish before GStreamer is there to receive.
        #expect(Self.waitForConnection(toPort: port))
        try await sender.run()  // closing the connection at the end ends GStreamer's stream
        let result = try await receiver.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = Bytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
        #expect(bytes == Self.pattern(buffers: 6, size: 1000))
    }

    /// Connections waiting in the accept queue of the socket listening on `port` (`/proc/net/tcp`'s rx_queue
    /// of a LISTEN entry), or nil when nothing listens there.
    static func pendingConnections(port: Int) -> Int? {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return nil }
        let local = String(format: ":%04X", port)
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 4, fields[1].hasSuffix(local), fields[3] == "0A" else { continue }
            return fields[4].split(separator: ":").last.flatMap { Int($0, radix: 16) }
        }
        return nil
    }

    @Test func tcpclientsrcReceivesWhatGStreamerTcpserversinkSends() async throws {
        guard Self.gstAvailable() else { return }
        let port = Self.freePort()
        let server = Process()
        server.executableURL = Self.gst
        server.arguments = ["fdsrc", "fd=0", "!", "tcpserversink", "host=127.0.0.1", "port=\(port)"]
        let input = Pipe(), output = Pipe()
        server.standardInput = input
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        DispatchQueue.global().asyncAfter(deadline: .now() + LaunchProcess.watchdog) {
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        }
        var printed = Data()
        while !String(decoding: printed, as: UTF8.self).contains("Pipeline is PREROLLING") {
            let chunk = output.fileHandleForReading.availableData  // tcpserversink listens while going to PAUSED
            try #require(!chunk.isEmpty, "gst-launch-1.0 ended early")
            printed.append(chunk)
        }
        let receiver = try Pipeline(launch: "tcpclientsrc host=127.0.0.1 port=\(port) ! appsink name=out sync=false")
        try receiver.setState(.paused)  // connected from here on
        let sink = try #require(receiver.element(named: "out") as? AppSink)
        // GStreamer accepts on its own thread: data it renders before then would not reach this client.
        let deadline = DispatchTime.now() + .seconds(5)
        while Self.pendingConnections(port: port) != 0, DispatchTime.now() < deadline { usleep(1000) }
        #expect(Self.pendingConnections(port: port) == 0)
        let sent = Self.pattern(buffers: 7, size: 3000)
        input.fileHandleForWriting.write(Data(sent.values))
        // tcpserversink writes from a thread of its own and drops what is unsent at EOS: end GStreamer's stream
        // (closing fdsrc's input, after which gst-launch exits and closes the connection) once all arrived.
        async let ran: Void = receiver.run()
        var received: [UInt8] = []
        for await buffer in sink.buffers {
            received += buffer.byteArray
            if received.count == sent.values.count { try input.fileHandleForWriting.close() }
        }
        try await ran
        #expect(Bytes(received) == sent)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
    }

    @Test func tcpserversrcReceivesWhatGStreamerTcpclientsinkSends() async throws {
        guard Self.gstAvailable() else { return }
        let receiver = try Pipeline(launch: "tcpserversrc name=server host=127.0.0.1 port=0 ! appsink name=out sync=false")
        try receiver.setState(.paused)
        let port = try #require(receiver.element(named: "server") as? TCPServerSource).currentPort
        let sink = try #require(receiver.element(named: "out") as? AppSink)
        let sent = try await LaunchProcess(
            ["-q", "fakesrc", "num-buffers=5", "sizetype=fixed", "sizemax=3000", "filltype=pattern", "!",
             "tcpclientsink", "host=127.0.0.1", "port=\(port)"], executable: Self.gst
        ).finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        let received = Bytes(try await Self.collect(receiver, sink))
        #expect(received == Self.pattern(buffers: 5, size: 3000))
    }

    @Test func gstreamerTcpserversrcReceivesWhatTcpclientsinkSends() async throws {
        guard Self.gstAvailable() else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let output = directory.path("received.bin")
        let port = Self.freePort()
        let receiver = try LaunchProcess(
            ["tcpserversrc", "host=127.0.0.1", "port=\(port)", "!", "filesink", "location=\(output)"],
            executable: Self.gst, pipeStdout: true)
        #expect(receiver.read(until: "Pipeline is PREROLLING"))  // tcpserversrc listens while going to PAUSED
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=4 sizetype=fixed sizemax=5000 filltype=pattern "
                + "! tcpclientsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let result = try await receiver.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = Bytes([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
        #expect(bytes == Self.pattern(buffers: 4, size: 5000))
    }

    @Test func parallaxPipelinesTalkOverTCP() async throws {
        let receiver = try Pipeline(
            launch: "tcpserversrc name=server host=127.0.0.1 port=0 blocksize=1000 ! appsink name=out sync=false")
        try receiver.setState(.paused)
        let port = try #require(receiver.element(named: "server") as? TCPServerSource).currentPort
        let sink = try #require(receiver.element(named: "out") as? AppSink)
        let sender = try Pipeline(
            launch: "fakesrc num-buffers=3 sizetype=fixed sizemax=2500 filltype=pattern "
                + "! tcpclientsink host=127.0.0.1 port=\(port)")
        try await sender.run()
        let received = Bytes(try await Self.collect(receiver, sink))
        #expect(received == Self.pattern(buffers: 3, size: 2500))
    }

    @Test func aPortInUseIsAnErrorNamingTheAddress() async throws {
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = Self.loopback(port: Self.freePort())
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0 && listen(holder, 1) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let sink = try await LaunchProcess.run(["fakesrc", "!", "tcpserversink", "host=127.0.0.1", "port=\(port)"])
        #expect(sink.status == 1)
        #expect(sink.stderr.contains("tcpserversink: could not bind to 127.0.0.1:\(port): Address already in use"),
                "\(sink.stderr)")
        let source = try await LaunchProcess.run(["tcpserversrc", "host=127.0.0.1", "port=\(port)", "!", "fakesink"])
        #expect(source.status == 1)
        #expect(source.stderr.contains("tcpserversrc: could not bind to 127.0.0.1:\(port): Address already in use"),
                "\(source.stderr)")
    }

    @Test func aRefusedConnectionIsAnErrorNamingTheAddress() async throws {
        let port = Self.freePort()
        let source = try await LaunchProcess.run(["tcpclientsrc", "host=127.0.0.1", "port=\(port)", "!", "fakesink"])
        #expect(source.status == 1)
        #expect(source.stderr.contains("tcpclientsrc: could not connect to 127.0.0.1:\(port): Connection refused"),
                "\(source.stderr)")
        let sink = try await LaunchProcess.run(["fakesrc", "!", "tcpclientsink", "host=127.0.0.1", "port=\(port)"])
        #expect(sink.status == 1)
        #expect(sink.stderr.contains("tcpclientsink: could not connect to 127.0.0.1:\(port): Connection refused"),
                "\(sink.stderr)")
    }

    /// Whether an established TCP connection to local `port` shows in `/proc/net/tcp` within 10 s (checked every 10 ms).
    static func waitForConnection(toPort port: Int) -> Bool {
        let suffix = ":" + String(format: "%04X", port)
        for _ in 0..<1000 {
            let table = (try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8)) ?? ""
            for line in table.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                // local_address remote_address st: a server-side socket on `port` in state 01 (ESTABLISHED).
                if fields.count > 3, fields[1].hasSuffix(suffix), fields[3] == "01" { return true }
            }
            usleep(10_000)
        }
        return false
    }
}
#endif  // Network
