import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct QueueTests {
    @Test func defaultsAreGStreamers() {
        let queue = Queue()
        #expect(queue.maxSizeBuffers == 200)
        #expect(queue.maxSizeBytes == 10_485_760)
        #expect(queue.maxSizeTime == 1_000_000_000)
        #expect(queue.leakPolicy == .no)
        let info = Queue.info
        #expect(info.property(named: "max-size-buffers")?.defaultValue == .uint(200))
        #expect(info.property(named: "max-size-bytes")?.defaultValue == .uint(10_485_760))
        #expect(info.property(named: "max-size-time")?.defaultValue == .uint(1_000_000_000))
        #expect(info.property(named: "leaky")?.defaultValue == .enumeration("no"))
        #expect(info.property(named: "max-size-time")?.type == .uint(0...UInt64.max))
    }

    @Test func propertiesReachTheQueueBoundary() throws {
        let queue = try Queue.configured([
            PropertySetting(name: "max-size-buffers", value: .uint(4), text: "4"),
            PropertySetting(name: "max-size-bytes", value: .uint(0), text: "0"),
            PropertySetting(name: "max-size-time", value: .uint(0), text: "0"),
            PropertySetting(name: "leaky", value: .enumeration("downstream"), text: "downstream"),
        ])
        #expect(queue.maxSizeBuffers == 4)
        #expect(queue.maxSizeBytes == 0)
        #expect(queue.maxSizeTime == 0)
        #expect(queue.leakPolicy == .downstream)
        #expect(try Queue.configured([PropertySetting(name: "leaky", value: .enumeration("upstream"), text: "1")])
            .leakPolicy == .upstream)
    }

    @Test func leakyNicksAndValuesAreGStreamers() throws {
        guard case .enumeration(let name, let cases)? = Queue.info.property(named: "leaky")?.type else {
            Issue.record("leaky is not an enumeration")
            return
        }
        #expect(name == "GstQueueLeaky")
        #expect(cases.map(\.value) == [0, 1, 2])
        #expect(cases.map(\.nick) == ["no", "upstream", "downstream"])
    }

    @Test func passesBuffersThrough() throws {
        let harness = try ElementHarness(Queue())
        let buffer = Buffer(copying: [9, 8])
        try harness.push(buffer)
        #expect(harness.pull()?.storage === buffer.storage)
        try harness.finish()
    }
}
