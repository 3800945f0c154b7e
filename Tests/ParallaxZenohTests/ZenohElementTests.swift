import Foundation
import Glibc
import ParallaxZenoh
import Testing

/// `zenoh_pub` and `zenoh_sub` in `parallax-launch`, against a Python router and subscriber.
@Suite(.serialized) struct ZenohElementTests {
    /// `parallax-launch`, built beside the test binary.
    static let launch: URL = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = String(decoding: buffer[..<max(count, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: String(path[..<path.lastIndex(of: "/")!]) + "/parallax-launch")
    }()

    /// Starts `parallax-launch arguments`, its stderr collected.
    static func start(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = launch
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }

    /// Runs `parallax-launch arguments` to its end; its status, and its stdout and stderr together.
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = launch
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    static let caps = "video/x-raw,format=RGBA,width=16,height=8,framerate=30/1"

    @Test func zenohPubPutsFramesWithCapsAndTimingThatPythonReads() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try ZenohInteropTests.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(python, ["sub", "--connect", endpoint, "--key", "pl/**", "--count", "4"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        let prober = try ZenohSession(connect: endpoint)
        defer { prober.close() }
        #expect(try subscriber.awaitRoute { try prober.put("pl/probe", ZenohPut(payload: [0])) })
        let (publisher, errors) = try Self.start([
            "-q", "videotestsrc", "num-buffers=3", "!", Self.caps, "!", "zenoh_pub", "key=pl/video", "connect=" + endpoint,
            "congestion=block",
        ])
        publisher.waitUntilExit()
        #expect(publisher.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let samples = subscriber.samples(4)
        #expect(samples.map { $0["kind"] as? String } == ["SampleKind.PUT", "SampleKind.PUT", "SampleKind.PUT", "SampleKind.DELETE"])
        for (index, sample) in samples.prefix(3).enumerated() {
            #expect(sample["size"] as? Int == 16 * 8 * 4)
            let encoding = sample["encoding"] as? String ?? ""
            #expect(encoding.hasPrefix("zenoh/bytes;video/x-raw, format=(string)RGBA, width=(int)16, height=(int)8"))
            let attachment = (sample["attachment"] as? String).map { hex in
                String(decoding: stride(from: 0, to: hex.count, by: 2).map { offset -> UInt8 in
                    let start = hex.index(hex.startIndex, offsetBy: offset)
                    return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
                }, as: UTF8.self)
            }
            let pts = index * 1_000_000_000 / 30  // videotestsrc's 30/1 timestamps
            #expect(attachment?.hasPrefix("pts=\(pts);duration=") == true, "\(attachment ?? "none")")
            #expect(attachment?.contains(";seq=\(index);sent=") == true, "\(attachment ?? "none")")
        }
    }

    @Test func zenohPubPutsWithItsPriority() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try ZenohInteropTests.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(python, ["sub", "--connect", endpoint, "--key", "pl/**", "--count", "3"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        let prober = try ZenohSession(connect: endpoint)
        defer { prober.close() }
        #expect(try subscriber.awaitRoute { try prober.put("pl/probe", ZenohPut(payload: [0])) })
        let (publisher, errors) = try Self.start([
            "-q", "videotestsrc", "num-buffers=2", "!", Self.caps, "!", "zenoh_pub", "key=pl/urgent", "connect=" + endpoint,
            "congestion=block", "priority=real-time",
        ])
        publisher.waitUntilExit()
        #expect(publisher.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let samples = subscriber.samples(3)  // two frames and the end-of-stream DEL
        #expect(samples.map { $0["kind"] as? String } == ["SampleKind.PUT", "SampleKind.PUT", "SampleKind.DELETE"])
        #expect(samples.map { $0["priority"] as? String } == Array(repeating: "Priority.REAL_TIME", count: 3))
    }

    @Test func anIsolatedZenohPubGetsTheNetworkProfileWithoutBeingAsked() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try ZenohInteropTests.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(python, ["sub", "--connect", endpoint, "--key", "pl/**", "--count", "3"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        let prober = try ZenohSession(connect: endpoint)
        defer { prober.close() }
        #expect(try subscriber.awaitRoute { try prober.put("pl/probe", ZenohPut(payload: [0])) })
        let (status, output) = try Self.run([
            "-v", "--isolated", "videotestsrc", "num-buffers=2", "!", Self.caps, "!", "zenoh_pub", "key=pl/isolated",
            "connect=" + endpoint, "congestion=block",
        ])
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n").map(String.init)
        // The element that connects gets sockets and the pipeline's network; the test source gets neither.
        #expect(lines.contains(
            "/pipeline0/zenoh_pub0: own host, sandbox(profile=network namespaces=mount,ipc,uts hostname=parallax "
                + "user=65534:65534 no-new-privs=yes pdeathsig=9 rlimits=as:-,cpu:-,nofile:-,nproc:- cgroup=- "
                + "violation=kill fallback=no)"), "\(output)")
        #expect(lines.contains { $0.hasPrefix("/pipeline0/videotestsrc0: own host, sandbox(profile=compute namespaces=mount,net,ipc,uts ") },
                "\(output)")
        let samples = subscriber.samples(3)
        #expect(samples.map { $0["kind"] as? String } == ["SampleKind.PUT", "SampleKind.PUT", "SampleKind.DELETE"])
        #expect(samples.prefix(2).map { $0["size"] as? Int } == [16 * 8 * 4, 16 * 8 * 4])
    }

    @Test func inspectSaysWhichElementsGetTheNetworkProfile() throws {
        for factory in ["zenoh_pub", "zenoh_sub"] {
            let (status, output) = try Self.run(["--inspect", factory])
            #expect(status == 0)
            #expect(output.contains(
                "Plugin Details:\n  Origin                   built in\n"
                    + "  Sandbox                  network profile when isolated (sockets, in the pipeline's network namespace)\n"),
                "\(output)")
        }
        let (_, fakesink) = try Self.run(["--inspect", "fakesink"])
        #expect(!fakesink.contains("Sandbox"))
    }

    @Test func zenohSubLearnsTheCapsAndProducesTheFramesAPublisherPuts() throws {
        guard let (router, endpoint) = try ZenohInteropTests.router() else { return }
        defer { router.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zenoh-sub-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = directory.appendingPathComponent("reference.rgba").path
        let (direct, _) = try Self.start(["-q", "videotestsrc", "pattern=red", "num-buffers=1", "!", Self.caps, "!", "filesink", "location=" + reference])
        direct.waitUntilExit()
        let frame = try #require(FileManager.default.contents(atPath: reference))
        #expect(frame.count == 16 * 8 * 4)
        // The subscriber waits for the first sample to learn the caps; the live publisher runs until it is done.
        let output = directory.appendingPathComponent("received.rgba").path
        let (subscriber, subscriberErrors) = try Self.start([
            "-q", "zenoh_sub", "key=pl/**", "connect=" + endpoint, "num-buffers=5", "!", "filesink", "location=" + output,
        ])
        let (publisher, _) = try Self.start([
            "-q", "videotestsrc", "pattern=red", "is-live=true", "num-buffers=600", "!", Self.caps, "!", "zenoh_pub", "key=pl/video",
            "connect=" + endpoint, "congestion=block",
        ])
        defer { if publisher.isRunning { publisher.terminate() } }
        subscriber.waitUntilExit()
        #expect(subscriber.terminationStatus == 0,
                "\(String(decoding: subscriberErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        // A red frame is the same every time, so any five received frames are five copies of the reference.
        #expect(FileManager.default.contents(atPath: output) == Array(repeating: frame, count: 5).reduce(Data(), +))
    }

    @Test func zenohSubWithNoPublisherSaysWhatItWaitedFor() throws {
        guard let (router, endpoint) = try ZenohInteropTests.router() else { return }
        defer { router.stop() }
        let (subscriber, errors) = try Self.start([
            "zenoh_sub", "key=nobody/**", "connect=" + endpoint, "discover-timeout=300", "!", "fakesink",
        ])
        subscriber.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(subscriber.terminationStatus != 0)
        #expect(text.contains(
            "zenoh_sub: no sample arrived on \"nobody/**\" from \(endpoint) within 300 ms to learn the caps from; set caps= or start the publisher first"),
            "\(text)")
    }
}
