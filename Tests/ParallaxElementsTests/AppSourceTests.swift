import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct AppSourceTests {
    func buffer(_ bytes: [UInt8], pts: ClockTime? = nil) -> Buffer {
        var buffer = Buffer(copying: bytes)
        buffer.pts = pts
        return buffer
    }

    @Test func copiesPushedBytesAndMetadataIntoTheOutput() async throws {
        var source = AppSource()
        source.caps = try Caps(parsing: "application/x-test, rate=(int)5")
        let original = buffer([1, 2, 3], pts: .milliseconds(5))
        #expect(await source.feed.push(original) == .queued)
        source.feed.endOfStream()
        let harness = try ElementHarness(source)
        #expect(harness.outputCaps == (try Caps(parsing: "application/x-test, rate=(int)5")))
        let outputs = try harness.produceAll()
        #expect(outputs.map(\.byteArray) == [[1, 2, 3]])
        #expect(outputs[0].pts == .milliseconds(5))
        #expect(outputs[0].flags == .discont)
        #expect(outputs[0].storage !== original.storage)
        try harness.finish()
    }

    @Test func streamsBuffersPushedWhileTheSourceWaits() async throws {
        let source = AppSource()
        let feed = source.feed
        async let received = onThread { () throws -> [[UInt8]] in
            let harness = try ElementHarness(source)
            let buffers = try harness.produceAll().map(\.byteArray)
            try harness.finish()
            return buffers
        }
        for i in 0..<5 { await feed.push(buffer([UInt8(i)])) }
        feed.endOfStream()
        #expect(try await received == [[0], [1], [2], [3], [4]])
    }

    @Test func pushContentsOfAnAsyncSequence() async throws {
        let source = AppSource()
        let stream = AsyncStream<Buffer> { continuation in
            for i in 0..<3 { continuation.yield(Buffer(copying: [UInt8(10 + i)])) }
            continuation.finish()
        }
        #expect(await source.feed.push(contentsOf: stream) == .queued)
        source.feed.endOfStream()
        #expect(try ElementHarness(source).produceAll().map(\.byteArray) == [[10], [11], [12]])
    }

    @Test func blockingPushWaitsForRoom() async throws {
        let source = AppSource()
        source.maxBuffers = 2
        source.block = true
        #expect(await source.feed.push(buffer([1])) == .queued)
        #expect(await source.feed.push(buffer([2])) == .queued)
        // A third push must wait; cancelled while waiting, it queues nothing.
        let waiting = Task { await source.feed.push(Buffer(copying: [3])) }
        waiting.cancel()
        #expect(await waiting.value == .cancelled)
        #expect(source.feed.queuedBuffers == 2)
    }

    @Test func backPressureDeliversEverythingInOrder() async throws {
        let source = AppSource()
        source.maxBuffers = 1
        source.block = true
        let feed = source.feed
        async let received = onThread { () throws -> [[UInt8]] in
            let harness = try ElementHarness(source)
            var seen: [[UInt8]] = []
            while try harness.produce() == .ok {
                #expect(feed.queuedBuffers <= 1)
                seen += harness.pullAll().map(\.byteArray)
            }
            try harness.finish()
            return seen
        }
        for i in 0..<20 { #expect(await feed.push(buffer([UInt8(i)])) == .queued) }
        feed.endOfStream()
        #expect(try await received == (0..<20).map { [UInt8($0)] })
    }

    @Test func leakyQueuesDropNewOrOldBuffers() throws {
        let upstream = AppSource()
        upstream.maxBuffers = 1
        upstream.leakyType = .upstream
        #expect(upstream.feed.pushBlocking(buffer([1])) == .queued)
        #expect(upstream.feed.pushBlocking(buffer([2])) == .dropped)
        upstream.feed.endOfStream()
        #expect(try ElementHarness(upstream).produceAll().map(\.byteArray) == [[1]])

        let downstream = AppSource()
        downstream.maxBuffers = 1
        downstream.leakyType = .downstream
        #expect(downstream.feed.pushBlocking(buffer([1])) == .queued)
        #expect(downstream.feed.pushBlocking(buffer([2])) == .queued)
        downstream.feed.endOfStream()
        #expect(try ElementHarness(downstream).produceAll().map(\.byteArray) == [[2]])
    }

    @Test func nonBlockingQueueGrowsBeyondItsLimit() throws {
        let source = AppSource()
        source.maxBuffers = 1
        #expect(source.feed.pushBlocking(buffer([1])) == .queued)
        #expect(source.feed.pushBlocking(buffer([2])) == .queued)
        #expect(source.feed.queuedBuffers == 2)
    }

    @Test func unlockWakesAWaitingStreamingThread() async throws {
        let source = AppSource()
        async let status = onThread { () throws -> FlowStatus in
            let harness = try ElementHarness(source)
            let status = try harness.produce()
            try harness.finish()
            return status
        }
        source.unlock()
        #expect(try await status == .eos)
    }

    @Test func stopRefusesPushesUntilRestarted() throws {
        let source = AppSource()
        let harness = try ElementHarness(source)
        harness.stop()
        #expect(source.feed.pushBlocking(buffer([1])) == .closed)
        try harness.finish()
        let restarted = try ElementHarness(source)
        #expect(source.feed.pushBlocking(buffer([2])) == .queued)
        source.feed.endOfStream()
        #expect(source.feed.pushBlocking(buffer([3])) == .closed)
        #expect(try restarted.produceAll().map(\.byteArray) == [[2]])
        try restarted.finish()
    }

    @Test func oversizedBufferIsAnError() throws {
        var source = AppSource()
        source.maxBufferSize = 16
        source.feed.pushBlocking(Buffer(capacity: 32))
        let harness = try ElementHarness(source)
        #expect(throws: ElementError("appsrc received a buffer of 32 bytes, larger than its maximum of 16 bytes.",
                                     debug: "raise AppSource.maxBufferSize")) {
            try harness.produce()
        }
        try harness.finish()
    }

    @Test func limitsAreSharedByCopiesAndShownAsProperties() {
        let source = AppSource()
        let copy = source
        copy.maxBytes = 5
        #expect(source.maxBytes == 5)
        let info = AppSource.info
        #expect(info.property(named: "max-bytes")?.defaultValue == .uint(200_000))
        #expect(info.property(named: "max-buffers")?.defaultValue == .uint(0))
        #expect(info.property(named: "block")?.defaultValue == .bool(false))
        #expect(info.property(named: "leaky-type")?.defaultValue == .enumeration("none"))
    }
}
