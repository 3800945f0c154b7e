import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxTesting
import Testing

@Suite struct AppSinkTests {
    @Test(.timeLimit(.minutes(1)))
    func aReaderSeesTheStreamEndWhenThePipelineCannotStart() async throws {
        let graph = try LaunchParser(registry: .stock).parse("audiotestsrc ! video/x-raw ! appsink name=out")
        let pipeline = try Pipeline(graph, registry: .stock)
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let received: Int = {
            var count = 0
            for await _ in sink.buffers { count += 1 }
            return count
        }()
        await #expect(throws: PipelineError.self) { try await pipeline.run() }
        #expect(await received == 0)  // the sequence ends instead of waiting for a stream that never starts
    }

    @Test func handsOverThePipelinesBuffersAndEndsAtEOS() async throws {
        let sink = AppSink()
        let harness = try ElementHarness(sink)
        let sent = (0..<3).map { Buffer(copying: [UInt8($0)]) }
        for buffer in sent { #expect(try harness.push(buffer) == .ok) }
        try harness.finish()
        var received: [Buffer] = []
        for await buffer in sink.buffers { received.append(buffer) }
        #expect(received.map(\.byteArray) == [[0], [1], [2]])
        #expect(zip(received, sent).allSatisfy { $0.storage === $1.storage })
        #expect(received.map(\.metadata.sequence) == [0, 1, 2])
    }

    @Test func backPressureDeliversEverythingInOrder() async throws {
        var sink = AppSink()
        sink.maxBuffers = 1
        let renderer = sink
        async let rendered = onThread { () throws -> Int in
            let harness = try ElementHarness(renderer)
            var ok = 0
            for i in 0..<20 where try harness.push(Buffer(copying: [UInt8(i)])) == .ok { ok += 1 }
            try harness.finish()
            return ok
        }
        var received: [[UInt8]] = []
        for await buffer in sink.buffers {
            #expect(sink.queuedBuffers <= 1)
            received.append(buffer.byteArray)
        }
        #expect(try await rendered == 20)
        #expect(received == (0..<20).map { [UInt8($0)] })
    }

    @Test func aFullQueueHoldsTheStreamingThreadUntilUnlocked() async throws {
        var sink = AppSink()
        sink.maxBuffers = 1
        let renderer = sink
        async let statuses = onThread { () throws -> [FlowStatus] in
            let harness = try ElementHarness(renderer)
            let first = try harness.push(Buffer(copying: [1]))
            let second = try harness.push(Buffer(copying: [2]))  // the queue is full: waits
            harness.stop()
            return [first, second]
        }
        while sink.queuedBuffers < 1 { await Task.yield() }  // the first buffer is in: the second waits or will
        sink.unlock()
        #expect(try await statuses == [.ok, .eos])
    }

    @Test func dropKeepsTheNewestBuffers() async throws {
        var sink = AppSink()
        sink.maxBuffers = 2
        sink.drop = true
        let harness = try ElementHarness(sink)
        for i in 0..<4 { #expect(try harness.push(Buffer(copying: [UInt8(i)])) == .ok) }
        try harness.finish()
        var received: [[UInt8]] = []
        for await buffer in sink.buffers { received.append(buffer.byteArray) }
        #expect(received == [[2], [3]])
    }

    @Test func stoppingEndsWaitingReaders() async throws {
        let sink = AppSink()
        let harness = try ElementHarness(sink)
        let reader = Task {
            var count = 0
            for await _ in sink.buffers { count += 1 }
            return count
        }
        harness.stop()
        #expect(await reader.value == 0)
        try harness.finish()
    }

    @Test func cancellingTheReaderEndsTheIteration() async throws {
        let sink = AppSink()
        let harness = try ElementHarness(sink)
        let reader = Task {
            var iterator = sink.buffers.makeAsyncIterator()
            return await iterator.next()
        }
        reader.cancel()
        #expect(await reader.value == nil)
        try harness.finish()
    }

    @Test func capsRestrictWhatIsAccepted() throws {
        var sink = AppSink()
        sink.caps = try Caps(parsing: "video/x-raw")
        let audio = try Caps(parsing: "audio/x-raw, rate=(int)44100")
        #expect(throws: ElementError("appsink cannot accept this format.",
                                     debug: "caps \(audio) are not within \(sink.caps)")) {
            try ElementHarness(sink, inputCaps: audio)
        }
        let video = try ElementHarness(sink, inputCaps: try Caps(parsing: "video/x-raw, width=(int)8"))
        try video.finish()
    }

    @Test func syncDefaultsToTrueAsInGStreamer() {
        #expect(AppSink().sync)
        #expect(AppSink.info.property(named: "sync")?.defaultValue == .bool(true))
        #expect(AppSink.info.property(named: "max-buffers")?.defaultValue == .uint(0))
        #expect(AppSink.info.property(named: "drop")?.defaultValue == .bool(false))
    }
}
