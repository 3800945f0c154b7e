import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct FakeSourceTests {
    @Test func defaultsSendEmptyUntimestampedBuffers() throws {
        var source = FakeSource()
        source.numBuffers = 2
        let harness = try ElementHarness(source)
        let buffers = try harness.produceAll()
        #expect(buffers.count == 2)
        #expect(buffers.map(\.length) == [0, 0])
        #expect(buffers[0].pts == nil)
        // GStreamer's base source stamps DTS 0 on untimestamped buffers at byte offset 0: here all of them.
        #expect(buffers.map(\.dts) == [.zero, .zero])
        #expect(buffers[0].flags == .discont)
        #expect(buffers[1].flags == [])
        #expect(buffers.map(\.metadata.offset) == [0, 0])
        try harness.finish()
    }

    @Test func numBuffersEndsTheStreamAfterExactlyN() throws {
        var source = FakeSource()
        source.numBuffers = 3
        let harness = try ElementHarness(source)
        #expect(try harness.produce() == .ok)
        #expect(try harness.produce() == .ok)
        #expect(try harness.produce() == .ok)
        #expect(try harness.produce() == .eos)
        #expect(harness.pullAll().count == 3)
        try harness.finish()
    }

    @Test func patternRestartsInEveryBufferAndPatternSpanContinues() throws {
        var source = FakeSource()
        source.numBuffers = 2
        source.sizeType = .fixed
        source.sizeMax = 4
        source.fillType = .pattern
        let restart = try ElementHarness(source).produceAll()
        #expect(restart.map(\.byteArray) == [[0, 1, 2, 3], [0, 1, 2, 3]])
        #expect(restart.map(\.metadata.offset) == [0, 4])
        #expect(restart.map(\.dts) == [.zero, nil])
        source.fillType = .patternSpan
        let span = try ElementHarness(source).produceAll()
        #expect(span.map(\.byteArray) == [[0, 1, 2, 3], [4, 5, 6, 7]])
    }

    @Test func zeroFillOverwritesGarbageAndNothingLeavesIt() throws {
        func produceInto(_ fill: FakeSource.FillType) throws -> [UInt8] {
            var source = FakeSource()
            source.sizeType = .fixed
            source.sizeMax = 8
            source.fillType = fill
            try source.start()
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)
            defer { memory.deallocate() }
            memory.initializeMemory(as: UInt8.self, repeating: 0xAA)
            var ctx = ProcessContext<NoMedia, AnyMedia>(
                input: nil, outputBase: memory.baseAddress, outputCapacity: 8, outputLength: 8,
                metadata: BufferMetadata(), isInPlace: false)
            #expect(try source.produce(&ctx) == .ok)
            #expect(ctx.outputLength == 8)
            return Array(memory)
        }
        #expect(try produceInto(.zero) == [UInt8](repeating: 0, count: 8))
        #expect(try produceInto(.nothing) == [UInt8](repeating: 0xAA, count: 8))
    }

    @Test func randomFillAndRandomSizes() throws {
        var source = FakeSource()
        source.numBuffers = 50
        source.sizeType = .random
        source.sizeMin = 10
        source.sizeMax = 20
        source.fillType = .random
        let buffers = try ElementHarness(source).produceAll()
        #expect(buffers.allSatisfy { (10..<20).contains($0.length) })
        #expect(Set(buffers.map(\.length)).count > 1)
        #expect(Set(buffers.map(\.byteArray)).count == 50)
        #expect(buffers.contains { $0.byteArray.contains { $0 != 0 } })
    }

    @Test func datarateTimestampsByBytesSent() throws {
        var source = FakeSource()
        source.numBuffers = 3
        source.sizeType = .fixed
        source.sizeMax = 1000
        source.dataRate = 4000
        let buffers = try ElementHarness(source).produceAll()
        #expect(buffers.map(\.pts) == [.zero, .milliseconds(250), .milliseconds(500)])
        #expect(buffers.map(\.dts) == buffers.map(\.pts))
        #expect(buffers.map(\.duration) == Array(repeating: .milliseconds(250), count: 3))
        #expect(buffers.map(\.metadata.offset) == [0, 1000, 2000])
    }

    @Test func isLiveFollowsTheProperty() throws {
        var source = try FakeSource.configured([PropertySetting(name: "is-live", value: .bool(true), text: "true")])
        #expect(source.isLive)
        source.isLiveSource = false
        #expect(!source.isLive)
    }
}
