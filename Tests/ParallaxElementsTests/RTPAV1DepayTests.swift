#if Network
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RTPAV1DepayTests {
    static let rtpCaps = Caps("application/x-rtp", [
        ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("AV1")),
    ])

    /// Temporal units as an encoder writes them: delimiter, then OBUs with size fields.
    static let units: [[UInt8]] = [
        AV1Stream.temporalDelimiter + AV1Stream.obu(1, AV1Stream.sequenceHeader) + AV1Stream.obu(6, AV1Stream.bytes(5000)),
        AV1Stream.temporalDelimiter + AV1Stream.obu(3, AV1Stream.bytes(9)) + AV1Stream.obu(4, AV1Stream.bytes(1500, seed: 2))
            + AV1Stream.obu(5, AV1Stream.bytes(2)) + AV1Stream.obu(4, AV1Stream.bytes(300, seed: 5)),
        AV1Stream.temporalDelimiter + AV1Stream.obu(6, AV1Stream.bytes(40, seed: 9), extensionByte: 0x08),
    ]

    /// The packets `rtpav1pay` makes for `units` (100 ms apart: 9000 ticks), sequence numbers from 65530.
    static func packets(mtu: UInt64 = 1200) throws -> [Buffer] {
        var pay = RTPAV1Pay()
        pay.mtu = mtu
        pay.sequenceOffset = 65530
        pay.timestampOffset = 0
        let harness = try ElementHarness(
            pay, inputCaps: Caps("video/x-av1", [("stream-format", .string("obu-stream")), ("alignment", .string("tu"))]))
        for (index, unit) in units.enumerated() {
            var buffer = Buffer(copying: unit)
            buffer.metadata.pts = ClockTime(nanoseconds: UInt64(index) * 100_000_000)
            try harness.push(buffer)
        }
        defer { try? harness.finish() }
        return harness.pullAll()
    }

    @Test func payThenDepayGivesBackTheSameBytes() throws {
        let packets = try Self.packets()
        #expect(packets.count == 5 + 2 + 1)
        let harness = try ElementHarness(RTPAV1Depay(), inputCaps: Self.rtpCaps)
        #expect(harness.outputCaps == Caps("video/x-av1", [
            ("stream-format", .string("obu-stream")), ("alignment", .string("tu")),
        ]))
        for packet in packets { try harness.push(packet) }
        #expect(harness.pullAll().map(\.byteArray) == Self.units)
        #expect(harness.postedMessages.isEmpty)
        try harness.finish()
    }

    @Test func aLostFragmentDropsItsTemporalUnitAndTheNextOneDecodes() throws {
        var packets = try Self.packets()
        packets.remove(at: 2)  // a middle fragment of the first unit's frame (sequence 65532)
        let harness = try ElementHarness(RTPAV1Depay(), inputCaps: Self.rtpCaps)
        for packet in packets { try harness.push(packet) }
        #expect(harness.pullAll().map(\.byteArray) == Array(Self.units[1...]))
        #expect(harness.postedMessages == [
            CapsStructure("rtpav1depay-dropped", [
                ("reason", .string("packet 65532 (or more) was lost in the temporal unit at RTP timestamp 0")),
            ]),
        ])
        try harness.finish()
    }

    @Test func aLostMarkerPacketDropsTheUnitWhenTheTimestampChanges() throws {
        var packets = try Self.packets()
        packets.remove(at: 6)  // the last packet of the second unit (sequence 0 after the wrap)
        let harness = try ElementHarness(RTPAV1Depay(), inputCaps: Self.rtpCaps)
        for packet in packets { try harness.push(packet) }
        // The third unit follows a gap: it cannot be known complete, so it is dropped too.
        #expect(harness.pullAll().map(\.byteArray) == [Self.units[0]])
        #expect(harness.postedMessages.map { $0.string("reason") } == [
            "the temporal unit at RTP timestamp 9000 ended without a marker packet",
            "packet 0 (or more) was lost before the temporal unit at RTP timestamp 18000",
        ])
        try harness.finish()
    }

    @Test func aContinuationWithoutItsStartIsDropped() throws {
        let packets = try Self.packets()
        let harness = try ElementHarness(RTPAV1Depay(), inputCaps: Self.rtpCaps)
        for packet in packets.dropFirst() { try harness.push(packet) }  // the stream starts mid-fragment
        #expect(harness.pullAll().map(\.byteArray) == Array(Self.units[1...]))
        #expect(harness.postedMessages.map { $0.string("reason") } == [
            "packet 65531 continues an OBU whose first part was not received",
        ])
        try harness.finish()
    }

    @Test func malformedPayloadsAreDroppedWithAReason() throws {
        let harness = try ElementHarness(RTPAV1Depay(), inputCaps: Self.rtpCaps)
        func packet(_ sequence: UInt16, _ payload: [UInt8]) -> Buffer {
            Buffer(copying: [0x80, 0x80 | 96, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0, 9, 0, 0, 0, 1]
                + payload)
        }
        try harness.push(packet(1, [0b0000_0000, 50, 0x30]))  // W=0, a length past the end
        try harness.push(packet(2, [0b0011_0000, 1, 0x30]))  // W=3 but one element
        try harness.push(packet(3, [0b0001_0000, 0x30, 1, 2]))  // fine: one frame OBU
        #expect(harness.pullAll().map(\.byteArray) == [AV1Stream.temporalDelimiter + AV1Stream.obu(6, [1, 2])])
        #expect(harness.postedMessages.map { $0.string("reason") } == [
            "packet 1 has an OBU element length at byte 1 that runs past its end",
            "packet 2 holds 1 OBU elements where its W field says 3",
        ])
        #expect(try harness.push(Buffer(copying: [0x80, 96, 0])) == .dropped)  // not RTP
        try harness.finish()
    }
}
#endif  // Network
