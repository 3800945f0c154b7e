#if Network
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RTPAV1PayTests {
    static let caps = Caps("video/x-av1", [("stream-format", .string("obu-stream")), ("alignment", .string("tu"))])

    static func harness(mtu: UInt64 = 1400) throws -> ElementHarness<RTPAV1Pay> {
        var pay = RTPAV1Pay()
        pay.mtu = mtu
        pay.sequenceOffset = 65534
        pay.timestampOffset = 1000
        pay.ssrc = 0x0A0B_0C0D
        return try ElementHarness(pay, inputCaps: caps)
    }

    static func unit(_ bytes: [UInt8], pts: UInt64) -> Buffer {
        var buffer = Buffer(copying: bytes)
        buffer.metadata.pts = ClockTime(nanoseconds: pts)
        return buffer
    }

    @Test func outputCapsAreAV1RTP() throws {
        let harness = try Self.harness()
        #expect(harness.outputCaps == Caps("application/x-rtp", [
            ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("AV1")),
            ("payload", .int(96)),
        ]))
        try harness.finish()
    }

    @Test func aSmallTemporalUnitIsOnePacketWithoutItsTemporalDelimiter() throws {
        let harness = try Self.harness()
        let frame = AV1Stream.bytes(100)
        let tu = AV1Stream.temporalDelimiter + AV1Stream.obu(1, AV1Stream.sequenceHeader) + AV1Stream.obu(6, frame)
        #expect(try harness.push(Self.unit(tu, pts: 1_000_000_000)) == .dropped)
        let packets = harness.pullAll()
        #expect(packets.count == 1)
        let packet = try #require(packets.first)
        #expect(packet.byteArray[0] == 0x80)
        #expect(packet.rtpMarker)
        #expect(packet.rtpSequence == 65534)
        #expect(packet.rtpTimestamp == 1000 + 90000)  // 1 s at 90 kHz after the offset
        #expect(Array(packet.byteArray[8..<12]) == [0x0A, 0x0B, 0x0C, 0x0D])
        // Z=0 Y=0 W=2 N=1; the sequence header with its length (11 bytes), the frame without one.
        #expect(packet.rtpPayload == [0b0010_1000, 11] + AV1Stream.element(1, AV1Stream.sequenceHeader)
            + AV1Stream.element(6, frame))
        try harness.finish()
    }

    @Test func aLargeFrameIsFragmentedAcrossFourPackets() throws {
        let harness = try Self.harness(mtu: 1000)  // 988 bytes of payload per packet
        let frame = AV1Stream.bytes(3000)
        try harness.push(Self.unit(AV1Stream.temporalDelimiter + AV1Stream.obu(6, frame), pts: 0))
        let packets = harness.pullAll()
        let element = AV1Stream.element(6, frame)  // 3001 bytes
        #expect(packets.map(\.length) == [1000, 1000, 1000, 12 + 1 + 40])
        #expect(packets.map { $0.rtpPayload[0] } == [0b0101_0000, 0b1101_0000, 0b1101_0000, 0b1001_0000])  // Z Y W=1
        #expect(packets.map(\.rtpMarker) == [false, false, false, true])
        #expect(packets.map(\.rtpSequence) == [65534, 65535, 0, 1])
        #expect(Set(packets.map(\.rtpTimestamp)) == [1000])
        #expect(packets.flatMap { $0.rtpPayload.dropFirst() } == element)
        try harness.finish()
    }

    @Test func aSequenceHeaderSharesThePacketWithTheFirstFragment() throws {
        let harness = try Self.harness(mtu: 1000)
        let frame = AV1Stream.bytes(2000, seed: 3)
        try harness.push(Self.unit(AV1Stream.obu(1, AV1Stream.sequenceHeader) + AV1Stream.obu(6, frame), pts: 0))
        let packets = harness.pullAll()
        #expect(packets.count == 3)
        let first = packets[0].rtpPayload
        #expect(first[0] == 0b0110_1000)  // Y=1 W=2 N=1
        #expect(Array(first[1..<13]) == [11] + AV1Stream.element(1, AV1Stream.sequenceHeader))
        #expect(first.count == 988)  // 975 bytes of the frame element fill the packet
        #expect(packets[1].rtpPayload[0] == 0b1101_0000 && packets[2].rtpPayload[0] == 0b1001_0000)
        #expect(Array(first[13...]) + packets[1].rtpPayload.dropFirst() + packets[2].rtpPayload.dropFirst()
            == AV1Stream.element(6, frame))
        try harness.finish()
    }

    @Test func moreThanThreeOBUsHaveWZeroAndEveryLength() throws {
        let harness = try Self.harness()
        let obus: [(UInt8, [UInt8])] = [(3, AV1Stream.bytes(5)), (4, AV1Stream.bytes(200)), (5, AV1Stream.bytes(3)),
                                         (4, AV1Stream.bytes(7))]
        try harness.push(Self.unit(obus.flatMap { AV1Stream.obu($0.0, $0.1) }, pts: 0))
        let packets = harness.pullAll()
        #expect(packets.count == 1)
        var expected: [UInt8] = [0b0000_0000]  // no sequence header: N=0; W=0
        for (type, payload) in obus {
            expected += AV1Stream.leb128(payload.count + 1) + AV1Stream.element(type, payload)
        }
        #expect(packets[0].rtpPayload == expected)
        try harness.finish()
    }

    @Test func anExtensionByteStaysAndPaddingIsLeftOut() throws {
        let harness = try Self.harness()
        let tu = AV1Stream.obu(6, AV1Stream.bytes(20), extensionByte: 0x28) + AV1Stream.obu(15, [0, 0, 0])
        try harness.push(Self.unit(tu, pts: 0))
        let packets = harness.pullAll()
        #expect(packets.map(\.rtpPayload) == [[0b0001_0000] + AV1Stream.element(6, AV1Stream.bytes(20), extensionByte: 0x28)])
        try harness.finish()
    }

    @Test func anOBUWithoutASizeFieldIsAnErrorNamingTheByte() throws {
        let harness = try Self.harness()
        let tu = AV1Stream.temporalDelimiter + [0x30] + AV1Stream.bytes(4)
        #expect(throws: ElementError("rtpav1pay: buffer 0: the OBU at byte 2 has no size field (obu_has_size_field=0)")) {
            try harness.push(Self.unit(tu, pts: 0))
        }
        #expect(throws: ElementError("rtpav1pay: buffer 1: the OBU at byte 0 runs past the end of the buffer")) {
            try harness.push(Self.unit([0x32, 50, 1, 2], pts: 0))
        }
        try harness.finish()
    }
}
#endif  // Network
