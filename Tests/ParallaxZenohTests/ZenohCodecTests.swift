import Testing

@testable import ParallaxZenoh

/// The wire primitives and messages, against bytes written out by hand from the protocol's layouts and one
/// INIT captured from a real Python peer.
@Suite struct ZenohCodecTests {
    static let zints: [(UInt64, [UInt8])] = [
        (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]), (UInt64.max, [UInt8](repeating: 0xFF, count: 9)),
    ]

    @Test(arguments: zints)
    func zintsAreSevenBitGroupsWithANinthFullByte(value: UInt64, bytes: [UInt8]) throws {
        var writer = ZenohWriter()
        writer.zint(value)
        #expect(writer.bytes == bytes)
        #expect(ZenohWriter.zintLength(value) == bytes.count)
        var reader = ZenohReader(bytes)
        #expect(try reader.zint() == value)
        #expect(reader.isAtEnd)
    }

    @Test func truncatedInputIsAnErrorNamingTheByte() {
        var reader = ZenohReader([0x05, 0x80])
        _ = try? reader.u8()
        #expect(throws: ZenohProtocolError("a zint runs past the end of the message", at: 1)) { try reader.zint() }
        var bytes = ZenohReader([0x04, 0x01])
        #expect(throws: ZenohProtocolError("4 bytes are announced but 1 are left", at: 1)) { try bytes.bytes() }
        #expect(ZenohProtocolError("4 bytes are announced but 1 are left", at: 1).description
            == "zenoh: 4 bytes are announced but 1 are left at byte 1")
    }

    @Test func initSynIsWhatTheLayoutSays() throws {
        let id = try #require(ZenohID([0x01, 0x02]))
        var writer = ZenohWriter()
        TransportMessage.initialize(ZenohInit(isAck: false, whatAmI: .client, id: id, sequenceBits: 32, batchSize: 65535))
            .write(to: &writer)
        #expect(writer.bytes == [0x41, 0x09, 0x12, 0x01, 0x02, 0x0A, 0xFF, 0xFF])
    }

    @Test func anInitFromARealPeerParsesAndItsExtensionsAreSkipped() throws {
        // A Python peer's INIT: S and Z flags, 16-byte id, peer, resolution 0x0A, batch 65480, then the QoS
        // (unit), Shm (5 bytes) and Patch (zint 1) extensions.
        let zid = (1...16).map { UInt8($0) }
        let batch: [UInt8] = [0xC1, 0x09, 0xF1] + zid + [0x0A, 0xC8, 0xFF, 0x81, 0xC2, 0x05, 9, 8, 7, 6, 5, 0x27, 0x01]
        let messages = try TransportMessage.readBatch(batch)
        guard case .initialize(let message) = try #require(messages.first), messages.count == 1 else {
            Issue.record("expected one INIT, got \(messages)")
            return
        }
        #expect(message.isAck == false)
        #expect(message.whatAmI == .peer)
        #expect(message.id.bytes == zid)
        #expect(message.sequenceBits == 32)
        #expect(message.batchSize == 65480)
    }

    @Test func sequenceNumbersWrapWhereTheirZintBytesEnd() {
        #expect(ZenohInit.sequenceMask(bits: 8) == 127)
        #expect(ZenohInit.sequenceMask(bits: 16) == 16383)
        #expect(ZenohInit.sequenceMask(bits: 32) == 268_435_455)
        #expect(ZenohInit.sequenceMask(bits: 64) == UInt64.max >> 1)
    }

    @Test func anInitAckCarriesItsCookie() throws {
        let id = try #require(ZenohID([7]))
        let ack = ZenohInit(isAck: true, whatAmI: .router, id: id, sequenceBits: 32, batchSize: 49152, cookie: [1, 2, 3])
        var writer = ZenohWriter()
        TransportMessage.initialize(ack).write(to: &writer)
        #expect(writer.bytes == [0x61, 0x09, 0x00, 0x07, 0x0A, 0x00, 0xC0, 0x03, 0x01, 0x02, 0x03])
        #expect(try TransportMessage.readBatch(writer.bytes) == [.initialize(ack)])
    }

    @Test func openWritesItsLeaseInMillisecondsAndReadsSecondsToo() throws {
        var writer = ZenohWriter()
        TransportMessage.open(ZenohOpen(isAck: false, leaseMilliseconds: 10_000, initialSequence: 300, cookie: [9]))
            .write(to: &writer)
        #expect(writer.bytes == [0x02, 0x90, 0x4E, 0xAC, 0x02, 0x01, 0x09])
        let ack: [UInt8] = [0x22, 0xE8, 0x07, 0x05]  // lease 1000 ms, first sequence number 5
        #expect(try TransportMessage.readBatch(ack)
            == [.open(ZenohOpen(isAck: true, leaseMilliseconds: 1000, initialSequence: 5))])
        let inSeconds: [UInt8] = [0x62, 0x0A, 0x05]  // T: lease 10 s
        #expect(try TransportMessage.readBatch(inSeconds)
            == [.open(ZenohOpen(isAck: true, leaseMilliseconds: 10_000, initialSequence: 5))])
    }

    @Test func aPutWithEncodingAndAttachmentRoundTripsInAFrame() throws {
        let put = ZenohPut(
            payload: [1, 2, 3], encoding: ZenohEncoding(id: ZenohEncoding.videoRaw, schema: "format=RGBA"),
            attachment: [0xAA])
        let frame = TransportMessage.frame(
            reliable: true, sequence: 7, messages: [.push(key: WireExpression(key: "a/b"), body: .put(put))])
        var writer = ZenohWriter()
        frame.write(to: &writer)
        let expected: [UInt8] =
            [0x25, 0x07]  // FRAME, reliable, sn 7
            + [0x3D, 0x00, 0x03] + Array("a/b".utf8)  // PUSH with suffix, scope 0
            + [0xC1, 0x65, 0x0B] + Array("format=RGBA".utf8)  // PUT |Z|E|, encoding (50 << 1) | 1
            + [0x43, 0x01, 0xAA]  // attachment extension (id 3, bytes)
            + [0x03, 0x01, 0x02, 0x03]
        #expect(writer.bytes == expected)
        #expect(try TransportMessage.readBatch(writer.bytes) == [frame])
    }

    @Test func blockingCongestionTravelsInThePushQoSExtension() throws {
        var writer = ZenohWriter()
        NetworkMessage.push(key: WireExpression(key: "k"), body: .delete(nil), congestion: .block).write(to: &writer)
        #expect(writer.bytes == [0xBD, 0x00, 0x01, 0x6B, 0x21, 0x0D, 0x02])  // Z, QoS ext (z64) = data | D
        var reader = ZenohReader(writer.bytes)
        #expect(try NetworkMessage.read(&reader) == .push(key: WireExpression(key: "k"), body: .delete(nil), congestion: .block))
    }

    @Test func priorityTravelsInThePushQoSExtension() throws {
        var writer = ZenohWriter()
        NetworkMessage.push(key: WireExpression(key: "k"), body: .delete(nil), priority: .realTime).write(to: &writer)
        #expect(writer.bytes == [0xBD, 0x00, 0x01, 0x6B, 0x21, 0x01, 0x02])  // QoS ext = real-time (1), may drop
        writer = ZenohWriter()
        NetworkMessage.push(key: WireExpression(key: "k"), body: .delete(nil), congestion: .block, priority: .background)
            .write(to: &writer)
        #expect(writer.bytes == [0xBD, 0x00, 0x01, 0x6B, 0x21, 0x0F, 0x02])  // background (7) | D
        var reader = ZenohReader(writer.bytes)
        #expect(try NetworkMessage.read(&reader)
            == .push(key: WireExpression(key: "k"), body: .delete(nil), congestion: .block, priority: .background))
        // zenoh's defaults (data, drop) leave the extension out.
        writer = ZenohWriter()
        NetworkMessage.push(key: WireExpression(key: "k"), body: .delete(nil), priority: .data).write(to: &writer)
        #expect(writer.bytes == [0x3D, 0x00, 0x01, 0x6B, 0x02])
    }

    @Test func aFrameStopsAtTheNextTransportMessage() throws {
        var writer = ZenohWriter()
        TransportMessage.frame(reliable: true, sequence: 1, messages: [
            .declare(interest: nil, .subscriber(id: 1, WireExpression(key: "x/**"))),
            .push(key: WireExpression(key: "x/y"), body: .delete(nil)),
        ]).write(to: &writer)
        TransportMessage.keepAlive.write(to: &writer)
        let messages = try TransportMessage.readBatch(writer.bytes)
        #expect(messages.count == 2)
        #expect(messages.last == .keepAlive)
    }

    @Test func anUnknownMandatoryExtensionIsRefused() throws {
        // A KEEP_ALIVE with Z and a mandatory unit extension 9.
        #expect(throws: ZenohProtocolError("a KEEP_ALIVE has an unknown mandatory extension 9", at: 1)) {
            try TransportMessage.readBatch([0x84, 0x19])
        }
        // The same extension, not mandatory, is skipped.
        #expect(try TransportMessage.readBatch([0x84, 0x09]) == [.keepAlive])
    }

    @Test func aFragmentTakesTheRestOfItsBatch() throws {
        let messages = try TransportMessage.readBatch([0x66, 0x03, 1, 2, 3, 4])
        #expect(messages == [.fragment(reliable: true, more: true, sequence: 3, bytes: [1, 2, 3, 4][...])])
    }
}
