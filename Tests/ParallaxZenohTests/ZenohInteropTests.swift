import Dispatch
import Foundation
import ParallaxZenoh
import Synchronization
import Testing

/// The Swift client against the real Zenoh runtime (eclipse-zenoh 1.10.2 from PyPI): through a router in
/// both directions, directly to a Python peer, fragmented payloads up to 8 MB, encodings and attachments, a
/// lease shorter than the test.
@Suite(.serialized) struct ZenohInteropTests {
    static let sizes = [16, 1 << 20, 8 << 20]

    /// A router on a free port, ready; nil (skipped, reason printed) without the Python runtime.
    static func router(lease: Int? = nil) throws -> (ZenohNode, String)? {
        guard let python = ZenohNode.python else { return nil }
        let endpoint = "tcp/127.0.0.1:\(ZenohNode.freePort())"
        let node = try ZenohNode(python, ["router", "--listen", endpoint] + (lease.map { ["--lease", "\($0)"] } ?? []))
        guard node.lines(through: "ready") != nil else { return nil }
        return (node, endpoint)
    }

    @Test func samplesPutHereReachAPythonSubscriberThroughARouter() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(
            python, ["sub", "--connect", endpoint, "--key", "parallax/test/**", "--count", "\(Self.sizes.count)"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        let session = try ZenohSession(connect: endpoint)
        defer { session.close() }
        #expect(session.batchSize <= 65535)
        #expect(try subscriber.awaitRoute { try session.put("parallax/test/probe", ZenohPut(payload: [0])) })
        for size in Self.sizes {
            let put = ZenohPut(
                payload: ZenohNode.payload(size), encoding: ZenohEncoding(id: ZenohEncoding.videoRaw, schema: "format=RGBA"),
                attachment: [0x70, 0x74, 0x73, UInt8(size & 0xFF)])
            try session.put("parallax/test/frames", put)
        }
        let samples = subscriber.samples(Self.sizes.count)
        #expect(samples.count == Self.sizes.count)
        for (sample, size) in zip(samples, Self.sizes) {
            #expect(sample["key"] as? String == "parallax/test/frames")
            #expect(sample["size"] as? Int == size)
            #expect((sample["crc32"] as? NSNumber)?.uint32Value == ZenohNode.crc32(ZenohNode.payload(size)))
            #expect(sample["encoding"] as? String == "video/raw;format=RGBA")
            #expect(sample["attachment"] as? String == "707473" + String(format: "%02x", size & 0xFF))
        }
        #expect(subscriber.wait() == 0)
    }

    @Test func samplesPutInPythonReachASubscriberHere() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        defer { router.stop() }
        let received = Mutex<[ZenohSample]>([])
        let session = try ZenohSession(connect: endpoint)
        defer { session.close() }
        try session.subscribe("python/**") { sample in received.withLock { $0.append(sample) } }
        let publisher = try ZenohNode(python, [
            "pub", "--connect", endpoint, "--key", "python/frames", "--sizes", Self.sizes.map(String.init).joined(separator: ","),
            "--encoding", "video/raw;format=I420", "--attachment", "0a0b",
        ])
        defer { publisher.stop() }
        #expect(publisher.lines(through: "done") != nil)
        // The publisher's session closes only after its samples left; they may still be on their way here.
        let deadline = Date().addingTimeInterval(20)
        while received.withLock({ $0.count }) < Self.sizes.count, Date() < deadline { usleep(10_000) }
        let samples = received.withLock { $0 }
        #expect(samples.map(\.key) == Array(repeating: "python/frames", count: Self.sizes.count))
        for (sample, size) in zip(samples, Self.sizes) {
            #expect(sample.put.map { Array($0.payload) } == ZenohNode.payload(size))
            #expect(sample.put?.encoding == ZenohEncoding(id: ZenohEncoding.videoRaw, schema: "format=I420"))
            #expect(sample.put?.attachment == [0x0A, 0x0B])
        }
    }

    @Test func thePriorityPutHereIsThePriorityAPythonSubscriberSees() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(python, ["sub", "--connect", endpoint, "--key", "prio/**", "--count", "3"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        let session = try ZenohSession(connect: endpoint)
        defer { session.close() }
        #expect(try subscriber.awaitRoute { try session.put("prio/probe", ZenohPut(payload: [0])) })
        try session.put("prio/a", ZenohPut(payload: [1]), priority: .realTime)
        try session.put("prio/b", ZenohPut(payload: [2]), congestion: .drop, priority: .background)
        try session.put("prio/c", ZenohPut(payload: [3]))
        // The router queues each sample on its priority's lane towards the subscriber, which may reorder them
        // (a data sample can overtake a background one): compare by key.
        var priorities: [String: String] = [:]
        for sample in subscriber.samples(3) {
            priorities[sample["key"] as? String ?? ""] = sample["priority"] as? String
        }
        #expect(priorities == [
            "prio/a": "Priority.REAL_TIME", "prio/b": "Priority.BACKGROUND", "prio/c": "Priority.DATA",
        ])
    }

    @Test func thePriorityAPythonPublisherPutsWithArrivesHere() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        defer { router.stop() }
        let arrived = DispatchSemaphore(value: 0)
        let received = Mutex<[ZenohSample]>([])
        let session = try ZenohSession(connect: endpoint)
        defer { session.close() }
        try session.subscribe("python/prio") { sample in
            received.withLock { $0.append(sample) }
            arrived.signal()
        }
        let publisher = try ZenohNode(python, [
            "pub", "--connect", endpoint, "--key", "python/prio", "--sizes", "16", "--priority", "INTERACTIVE_LOW",
        ])
        defer { publisher.stop() }
        #expect(publisher.lines(through: "done") != nil)
        #expect(arrived.wait(timeout: .now() + 20) == .success)
        #expect(received.withLock { $0.map(\.priority) } == [.interactiveLow])
    }

    @Test func aClientConnectsStraightToAPythonPeer() throws {
        guard let python = ZenohNode.python else { return }
        let endpoint = "tcp/127.0.0.1:\(ZenohNode.freePort())"
        let peer = try ZenohNode(python, ["sub", "--listen", endpoint, "--key", "direct/*", "--count", "1"])
        defer { peer.stop() }
        #expect(peer.lines(through: "ready") != nil)
        let session = try ZenohSession(connect: endpoint)
        defer { session.close() }
        try session.put("direct/one", ZenohPut(payload: ZenohNode.payload(1000)))
        let sample = peer.samples(1).first
        #expect(sample?["key"] as? String == "direct/one")
        #expect((sample?["crc32"] as? NSNumber)?.uint32Value == ZenohNode.crc32(ZenohNode.payload(1000)))
    }

    @Test func keepAlivesHoldASessionLongerThanItsLease() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        defer { router.stop() }
        let subscriber = try ZenohNode(python, ["sub", "--connect", endpoint, "--key", "lease/**", "--count", "1"])
        defer { subscriber.stop() }
        #expect(subscriber.lines(through: "ready") != nil)
        var options = ZenohSession.Options()
        options.leaseMilliseconds = 1000  // the router drops a client silent for longer than this
        let closed = Mutex<String?>(nil)
        options.onClose = { reason in closed.withLock { $0 = reason } }
        let session = try ZenohSession(connect: endpoint, options: options)
        defer { session.close() }
        #expect(try subscriber.awaitRoute { try session.put("lease/probe", ZenohPut(payload: [0])) })
        // Three leases with nothing to say: only keep-alives keep the session open.
        Thread.sleep(forTimeInterval: 3)
        #expect(closed.withLock { $0 } == nil)
        #expect(try session.put("lease/after", ZenohPut(payload: [1, 2, 3])))
        let sample = subscriber.samples(1).first
        #expect(sample?["key"] as? String == "lease/after")
    }

    @Test func aRefusedConnectionNamesTheEndpoint() {
        let endpoint = "tcp/127.0.0.1:\(ZenohNode.freePort())"
        #expect(throws: ZenohError.connection("could not connect to \(endpoint): Connection refused")) {
            try ZenohSession(connect: endpoint)
        }
    }

    @Test func theRouterStoppingEndsTheSessionWithAReason() throws {
        guard let (router, endpoint) = try Self.router() else { return }
        let ended = Mutex<String?>(nil)
        let signal = DispatchSemaphore(value: 0)
        var options = ZenohSession.Options()
        options.onClose = { reason in
            ended.withLock { $0 = reason }
            signal.signal()
        }
        let session = try ZenohSession(connect: endpoint, options: options)
        router.stop()
        #expect(signal.wait(timeout: .now() + 20) == .success)
        #expect(ended.withLock { $0 } != nil)
        #expect(session.isClosed)
        #expect(throws: ZenohError.closed("the session with \(endpoint) is closed")) {
            try session.put("after/close", ZenohPut(payload: [1]))
        }
    }

    @Test func aRestartedRouterIsReconnectedAndTheSubscribersDeclaredAgain() throws {
        guard let python = ZenohNode.python, let (router, endpoint) = try Self.router() else { return }
        let lost = DispatchSemaphore(value: 0), reconnected = DispatchSemaphore(value: 0)
        let report = Mutex<String?>(nil)
        var options = ZenohSession.Options()
        options.reconnect = true
        options.onProblem = { message in if message.hasSuffix("reconnecting") { lost.signal() } }
        options.onReconnect = { message in
            report.withLock { $0 = message }
            reconnected.signal()
        }
        let received = Mutex<[ZenohSample]>([])
        let session = try ZenohSession(connect: endpoint, options: options)
        defer { session.close() }
        try session.subscribe("restart/**") { sample in received.withLock { $0.append(sample) } }
        router.stop()
        #expect(lost.wait(timeout: .now() + 20) == .success)
        // While the router is down, samples are dropped and counted, and the session is not closed.
        #expect(try session.put("restart/during", ZenohPut(payload: [1])) == false)
        #expect(session.droppedWhileReconnecting == 1)
        #expect(!session.isClosed)
        let again = try ZenohNode(python, ["router", "--listen", endpoint])
        defer { again.stop() }
        #expect(again.lines(through: "ready") != nil)
        #expect(reconnected.wait(timeout: .now() + 20) == .success)
        #expect(report.withLock { $0 }?.contains("1 subscriber(s) declared again, 1 sample(s) dropped") == true)
        let publisher = try ZenohNode(python, ["pub", "--connect", endpoint, "--key", "restart/after", "--sizes", "64"])
        defer { publisher.stop() }
        #expect(publisher.lines(through: "done") != nil)
        let deadline = Date().addingTimeInterval(20)
        while received.withLock({ $0.isEmpty }), Date() < deadline { usleep(10_000) }
        #expect(received.withLock { $0.map(\.key) } == ["restart/after"])
        #expect(received.withLock { $0.first?.put.map { Array($0.payload) } } == ZenohNode.payload(64))
    }
}
