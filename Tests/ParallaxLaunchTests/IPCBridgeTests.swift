import Foundation
import Glibc
import Parallax
import Testing

/// `ipc_sink` and `ipc_src` between separate `parallax-launch` processes.
@Suite(.serialized) struct IPCBridgeTests {
    static func words(_ line: String) -> [String] { line.split(separator: " ").map(String.init) }

    static let video = "videotestsrc num-buffers=5 pattern=ball ! video/x-raw,format=I420,width=64,height=48"

    @Test func bytesAndCapsCrossFromOneProcessToAnother() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.path("video.sock")
        let sender = try LaunchProcess(Self.words("-q \(Self.video) ! ipc_sink path=\(socket)"))
        let received = try await LaunchProcess.run(
            ["-v", "ipc_src", "path=\(socket)", "!", "filesink", "location=\(directory.path("received.yuv"))"])
        let sent = try await sender.finish()
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(received.status == 0, "\(received.stderr)")
        let direct = try await LaunchProcess.run(
            Self.words("-q \(Self.video) ! filesink location=\(directory.path("direct.yuv"))"))
        #expect(direct.status == 0)
        let expected = try Data(contentsOf: directory.url.appendingPathComponent("direct.yuv"))
        let frameBytes = 64 * 48 * 3 / 2
        #expect(expected.count == 5 * frameBytes)
        let got = try Data(contentsOf: directory.url.appendingPathComponent("received.yuv"))
        #expect(got == expected)
        #expect(
            received.stdoutLines.contains(
                "/pipeline0/ipc_src0.src: caps = video/x-raw, format=(string)I420, width=(int)64, height=(int)48, "
                    + "framerate=(fraction)30/1"),
            "\(received.stdout)")
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func receivedBuffersAreReadOnlyViewsOfTheSendersMemory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.path("bytes.sock")
        let sender = try LaunchProcess(
            ["-q", "fakesrc", "num-buffers=20", "sizetype=fixed", "sizemax=1000", "filltype=pattern-span", "!",
             "ipc_sink", "path=\(socket)"])
        let pipeline = try Pipeline(launch: "ipc_src path=\(socket) ! appsink name=out sync=false")
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let ran: Void = pipeline.run()
        var offset = 0
        var count = 0
        for await buffer in sink.buffers {
            let arena = try #require(buffer.storage.arena as? CpuArena)
            #expect(arena.access == .readOnly)
            // The kernel refuses to make the sender's memory writable here.
            let page = UnsafeMutableRawPointer(bitPattern: Int(bitPattern: buffer.storage.base) & ~4095)
            let protected = mprotect(page, 4096, PROT_READ | PROT_WRITE)
            let code = errno
            #expect(protected == -1)
            #expect(code == EACCES)
            let expected: [UInt8] = (offset..<offset + 1000).map { UInt8(truncatingIfNeeded: $0) }
            #expect(buffer.byteArray == expected)
            offset += 1000
            count += 1
        }
        try await ran
        #expect(count == 20)
        #expect(try await sender.finish().status == 0)
    }

    @Test func aSecondSinkOnAServedPathIsRefusedAndAStaleSocketIsReplaced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.path("busy.sock")
        let first = try LaunchProcess(["fakesrc", "num-buffers=1", "!", "ipc_sink", "path=\(socket)"], pipeStdout: true)
        #expect(first.read(until: "Setting pipeline to PLAYING"))
        let second = try await LaunchProcess.run(["fakesrc", "num-buffers=1", "!", "ipc_sink", "path=\(socket)"])
        #expect(second.status == 1)
        #expect(second.stderr.contains("ipc_sink: another ipc_sink is already serving \(socket)"), "\(second.stderr)")
        kill(first.process.processIdentifier, SIGKILL)
        _ = try await first.finish()
        #expect(FileManager.default.fileExists(atPath: socket))  // left behind by the killed sink
        let sender = try LaunchProcess(["-q", "fakesrc", "num-buffers=3", "!", "ipc_sink", "path=\(socket)"])
        let received = try await LaunchProcess.run(["ipc_src", "path=\(socket)", "!", "fakesink", "silent=false"])
        #expect(try await sender.finish().status == 0)
        let chains: [String] = received.stdoutLines.filter { $0.hasPrefix("chain") }
        #expect(chains.count == 3)
    }

    @Test func aPathThatIsNotASocketIsRefused() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("plain-file")
        #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])))
        let result = try await LaunchProcess.run(["fakesrc", "num-buffers=1", "!", "ipc_sink", "path=\(path)"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ipc_sink: \(path) exists and is not a socket"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data([1, 2, 3]))
    }

    @Test func theSourceWaitsForARestartedSinkAndMarksTheGap() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let socket = directory.path("restart.sock")
        // A slow live stream, so the receiver's piped output stays far below the pipe's capacity.
        let slow = "videotestsrc is-live=true ! video/x-raw,width=16,height=16,framerate=50/1"
        let first = try LaunchProcess(Self.words("-q \(slow) ! ipc_sink path=\(socket)"))
        let receiver = try LaunchProcess(["ipc_src", "path=\(socket)", "!", "fakesink", "silent=false"], pipeStdout: true)
        #expect(receiver.read(until: "chain"))
        kill(first.process.processIdentifier, SIGKILL)
        _ = try await first.finish()
        // The second sink's source marks nothing discont itself, so any mark comes from ipc_src.
        var registry = ElementRegistry.stock
        registry.register(UnmarkedSource.self)
        let second = try Pipeline(launch: "unmarkedsrc ! ipc_sink path=\(socket)", registry: registry)
        // A receiver that died would leave the sink waiting for a peer for ever: a watchdog, not a wait.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            second.stop()
        }
        try await second.run()
        watchdog.cancel()
        let received = try await receiver.finish()
        #expect(received.status == 0, "\(received.stderr)")
        let chains: [String] = received.stdoutLines.filter { $0.hasPrefix("chain") }
        let marked: [Int] = chains.indices.filter { chains[$0].contains("discont") }
        // videotestsrc's first buffer, and the first after reconnecting: everything the second sink sent followed.
        #expect(marked == [0, chains.count - UnmarkedSource.count])
        #expect(received.stdout.contains("Got EOS from pipeline."))
    }
}

/// A source of `count` small buffers with no flags at all.
private struct UnmarkedSource: Source {
    typealias Output = AnyMedia
    static let count = 4
    static let descriptor = ElementDescriptor<Self>(
        factory: "unmarkedsrc", longName: "Unmarked source", klass: "Source", description: "Buffers without flags")
    private var made = 0

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard made < Self.count else { return .eos }
        made += 1
        ctx.outputLength = 16
        return .ok
    }
}
