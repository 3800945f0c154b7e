#if Network
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RTPJitterBufferTests {
    static let caps = Caps("application/x-rtp", [
        ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("RAW")),
    ])

    /// An RTP packet with `sequence`, `timestamp` (90 kHz) and one payload byte naming it.
    static func packet(_ sequence: UInt16, timestamp: UInt32 = 0) -> Buffer {
        var bytes: [UInt8] = [0x80, 96, UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        bytes += (0..<4).map { UInt8(truncatingIfNeeded: timestamp >> (24 - 8 * $0)) }
        bytes += [0, 0, 0, 1, UInt8(truncatingIfNeeded: sequence)]
        return Buffer(copying: bytes)
    }

    static func sequences(_ buffers: [Buffer]) -> [UInt16] {
        buffers.map { UInt16($0.byteArray[2]) << 8 | UInt16($0.byteArray[3]) }
    }

    /// A jitter buffer whose arrival clock stands still unless `clock` is advanced.
    static func harness(
        latency: UInt64 = 200, doLost: Bool = false, dropOnLatency: Bool = false, clock: ManualClock = ManualClock()
    ) throws -> ElementHarness<RTPJitterBuffer> {
        var element = RTPJitterBuffer()
        element.arrivalClock = clock
        element.latency = latency
        element.doLost = doLost
        element.dropOnLatency = dropOnLatency
        return try ElementHarness(element, inputCaps: caps)
    }

    @Test func reordersPacketsBySequenceNumber() throws {
        let harness = try Self.harness()
        for sequence: UInt16 in [10, 12, 11, 14, 13] {
            #expect(try harness.push(Self.packet(sequence)) == .dropped)
        }
        #expect(harness.pullAll().isEmpty)  // the first packet waits for the latency (or EOS)
        try harness.pushEvent(.eos)
        let out = harness.pullAll()
        #expect(Self.sequences(out) == [10, 11, 12, 13, 14])
        #expect(out.allSatisfy { !$0.metadata.flags.contains(.discont) })
        try harness.finish()
    }

    @Test func packetsInSequenceGoOnAtOnceAfterTheFirstRelease() throws {
        let harness = try Self.harness(latency: 100)  // 9000 ticks at 90 kHz
        try harness.push(Self.packet(1, timestamp: 0))
        try harness.push(Self.packet(2, timestamp: 3000))
        #expect(harness.pendingOutputs == 0)
        try harness.push(Self.packet(3, timestamp: 9001))  // the held packets now span more than 100 ms
        #expect(Self.sequences(harness.pullAll()) == [1, 2, 3])
        try harness.push(Self.packet(5, timestamp: 12000))
        #expect(harness.pendingOutputs == 0)  // waits for 4
        try harness.push(Self.packet(4, timestamp: 11000))
        #expect(Self.sequences(harness.pullAll()) == [4, 5])
        try harness.finish()
    }

    @Test func packetsWaitingLongerThanTheLatencyByArrivalTimeGoOn() throws {
        let clock = ManualClock()
        let harness = try Self.harness(latency: 50, clock: clock)
        try harness.push(Self.packet(1, timestamp: 0))  // every packet of one frame: the same RTP timestamp
        try harness.push(Self.packet(3, timestamp: 0))
        clock.advance(by: .milliseconds(50))
        try harness.push(Self.packet(4, timestamp: 0))  // arrivals span exactly the latency: all wait
        #expect(harness.pendingOutputs == 0)
        clock.advance(by: .milliseconds(1))
        try harness.push(Self.packet(5, timestamp: 0))  // now more than 50 ms: 1 goes, then 3 (2 lost), 4, 5
        let out = harness.pullAll()
        #expect(Self.sequences(out) == [1, 3, 4, 5])
        #expect(out.map { $0.metadata.flags.contains(.discont) } == [false, true, false, false])
        try harness.finish()
    }

    @Test func dropsDuplicatesAndLatePackets() throws {
        let harness = try Self.harness(latency: 0)
        try harness.push(Self.packet(100, timestamp: 0))
        try harness.push(Self.packet(101, timestamp: 1))  // span 1 > 0 ticks: 100 goes, then 101 in sequence
        #expect(Self.sequences(harness.pullAll()) == [100, 101])
        try harness.push(Self.packet(103, timestamp: 3))
        #expect(harness.pendingOutputs == 0)
        #expect(try harness.push(Self.packet(103, timestamp: 3)) == .dropped)  // duplicate of a held packet
        #expect(try harness.push(Self.packet(100, timestamp: 0)) == .dropped)  // already sent on: late
        #expect(harness.element.refusedPackets == 2)
        try harness.pushEvent(.eos)
        #expect(Self.sequences(harness.pullAll()) == [103])
        try harness.finish()
    }

    @Test func sequenceNumbersWrapFrom65535To0() throws {
        let harness = try Self.harness()
        for sequence: UInt16 in [65534, 0, 65535, 1] { try harness.push(Self.packet(sequence)) }
        try harness.pushEvent(.eos)
        #expect(Self.sequences(harness.pullAll()) == [65534, 65535, 0, 1])
        try harness.finish()
    }

    @Test func aGapMarksTheNextPacketDiscontAndPostsTheLoss() throws {
        let harness = try Self.harness(latency: 10, doLost: true)  // 900 ticks
        try harness.push(Self.packet(65533, timestamp: 0))
        try harness.push(Self.packet(65534, timestamp: 1000))  // span > 900: 65533 goes, then 65534
        try harness.push(Self.packet(2, timestamp: 2000))  // 65535, 0 and 1 are missing
        #expect(harness.pendingOutputs == 2)
        try harness.push(Self.packet(3, timestamp: 3000))  // 2 has waited more than the latency
        let out = harness.pullAll()
        #expect(Self.sequences(out) == [65533, 65534, 2, 3])
        #expect(out.map { $0.metadata.flags.contains(.discont) } == [false, false, true, false])
        #expect(harness.postedMessages == [
            CapsStructure("GstRTPPacketLost", [("seqnum", .int(65535)), ("count", .int(3))]),
        ])
        try harness.finish()
    }

    @Test func lossIsNotPostedWithoutDoLost() throws {
        let harness = try Self.harness(latency: 0)
        try harness.push(Self.packet(1, timestamp: 0))
        try harness.push(Self.packet(3, timestamp: 10))  // 1 goes; 3 waits for 2
        try harness.push(Self.packet(4, timestamp: 20))  // the latency pushes 3 out
        let out = harness.pullAll()
        #expect(Self.sequences(out) == [1, 3, 4])
        #expect(out.map { $0.metadata.flags.contains(.discont) } == [false, true, false])
        #expect(harness.postedMessages.isEmpty)
        try harness.finish()
    }

    @Test func dropOnLatencyDropsWhatTheLatencyPushesOutAfterAGap() throws {
        let harness = try Self.harness(latency: 0, doLost: true, dropOnLatency: true)
        try harness.push(Self.packet(1, timestamp: 0))
        try harness.push(Self.packet(2, timestamp: 10))
        #expect(Self.sequences(harness.pullAll()) == [1, 2])
        try harness.push(Self.packet(4, timestamp: 30))  // 3 missing: 4 waits
        try harness.push(Self.packet(5, timestamp: 40))  // the latency pushes 4 out after a gap: dropped
        let out = harness.pullAll()
        #expect(Self.sequences(out) == [5])
        #expect(out[0].metadata.flags.contains(.discont))
        #expect(harness.postedMessages == [CapsStructure("GstRTPPacketLost", [("seqnum", .int(3)), ("count", .int(2))])])
        try harness.finish()
    }

    @Test func packetsThatAreNotRTPAreDropped() throws {
        let harness = try Self.harness()
        #expect(try harness.push(Buffer(copying: [0x80, 96, 0, 1])) == .dropped)  // shorter than a header
        #expect(try harness.push(Buffer(copying: [0x40, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1])) == .dropped)  // version 1
        #expect(harness.element.invalidPackets == 2)
        try harness.push(Self.packet(7))
        try harness.pushEvent(.eos)
        #expect(Self.sequences(harness.pullAll()) == [7])
        try harness.finish()
    }

    @Test func capsWithoutAClockRateAreAnError() throws {
        #expect(throws: ElementError("rtpjitterbuffer: the input caps have no clock-rate")) {
            try ElementHarness(RTPJitterBuffer(), inputCaps: Caps("application/x-rtp", [("media", .string("video"))]))
        }
    }
}
#endif  // Network
