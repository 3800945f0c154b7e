import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct AV1ParseTests {
    /// The sequence header rav1e writes for 320×240 8-bit 4:2:0 (profile 0, seq_level_idx 31).
    static let sequenceHeaderPayload: [UInt8] = [0x00, 0x00, 0x00, 0xFA, 0x1E, 0x7F, 0xDE, 0x21, 0x0A, 0x80, 0xA0]
    /// A frame OBU whose header says show_existing_frame 0, frame_type KEY_FRAME (0b0_00…).
    static let keyFrame = AV1Stream.obu(6, [0x10, 0x01, 0x02, 0x03])
    /// A frame OBU of frame_type INTER_FRAME (0b0_01…).
    static let interFrame = AV1Stream.obu(6, [0x30, 0x04, 0x05])
    static let firstUnit = AV1Stream.temporalDelimiter + AV1Stream.obu(1, sequenceHeaderPayload) + keyFrame
    static let secondUnit = AV1Stream.temporalDelimiter + interFrame

    private func buffer(_ bytes: [UInt8], pts: ClockTime? = nil) -> Buffer {
        var buffer = Buffer(copying: bytes)
        buffer.metadata.pts = pts
        return buffer
    }

    @Test func splitsOBUsArrivingAcrossBufferBoundariesIntoTemporalUnits() throws {
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1", [("stream-format", .string("obu-stream"))]))
        #expect(
            harness.outputCaps?.description
                == "video/x-av1, stream-format=(string)obu-stream, alignment=(string)tu, parsed=(boolean)true")
        let stream = Self.firstUnit + Self.secondUnit + Self.secondUnit
        var pushed = 0
        for (index, start) in stride(from: 0, to: stream.count, by: 3).enumerated() {
            let end = min(start + 3, stream.count)
            pushed +=
                try harness.push(buffer(Array(stream[start..<end]), pts: .milliseconds(UInt64(index)))) == .dropped
                ? 1 : 0
        }
        #expect(pushed > 0)
        let beforeEOS = harness.pullAll()
        // A unit ends where the next temporal delimiter begins: the last one waits for end of stream.
        #expect(beforeEOS.map(\.byteArray) == [Self.firstUnit, Self.secondUnit])
        try harness.pushEvent(.eos)
        let last = harness.pullAll()
        #expect(last.map(\.byteArray) == [Self.secondUnit])
        let all = beforeEOS + last
        #expect(all.map { $0.metadata.flags.contains(.deltaUnit) } == [false, true, true])
        // Each unit takes the time of the buffer its temporal delimiter begins in (3-byte buffers).
        let starts = [0, Self.firstUnit.count, Self.firstUnit.count + Self.secondUnit.count]
        #expect(all.map(\.metadata.pts) == starts.map { .milliseconds(UInt64($0 / 3)) })
        try harness.finish()
    }

    @Test func readsTheCapsFromASequenceHeaderReadAhead() throws {
        var parser = AV1Parse()
        try parser.discoverFormat(fromHeader: Self.firstUnit + Self.secondUnit)
        #expect(
            parser.transformCaps(Caps("video/x-av1"), from: .sink).description
                == ["obu-stream, alignment=(string){ tu, obu }", "annexb, alignment=(string)tu"].map {
                    "video/x-av1, stream-format=(string)\($0), parsed=(boolean)true, profile=(string)main, "
                        + "level=(string)max, tier=(string)main, chroma-format=(string)4:2:0, bit-depth-luma=(int)8, "
                        + "bit-depth-chroma=(int)8, width=(int)320, height=(int)240"
                }.joined(separator: "; "))
    }

    @Test func readsTheCapsFromTheStartOfAnAnnexBUnitLargerThanWhatIsReadAhead() throws {
        var parser = AV1Parse()
        // The unit's sizes promise more bytes than the peek holds: the header is read from its start alone.
        let cut = Array(
            Self.annexB([
                AV1Stream.element(2, []), AV1Stream.element(1, Self.sequenceHeaderPayload),
                AV1Stream.element(6, [UInt8](repeating: 0x10, count: 5000)),
            ]).prefix(100))
        try parser.discoverFormat(fromHeader: cut)
        let caps = parser.transformCaps(Caps("video/x-av1"), from: .sink)
        #expect(caps.structures.map { $0.int("width") } == [320, 320])
        #expect(caps.structures.map { $0.string("stream-format") } == ["obu-stream", "annexb"])
    }

    @Test func upstreamCapsPassThroughWithTheOutputFraming() throws {
        let caps = try Caps(
            parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48,framerate=25/1")
        let harness = try ElementHarness(AV1Parse(), inputCaps: caps)
        #expect(
            harness.outputCaps?.description
                == "video/x-av1, stream-format=(string)obu-stream, alignment=(string)tu, parsed=(boolean)true, "
                + "width=(int)64, height=(int)48, framerate=(fraction)25/1")
        try harness.finish()
    }

    @Test func unitAlignedInputGoesOutAtOnceWithADelimiterAdded() throws {
        let caps = try Caps(parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,framerate=25/1")
        let harness = try ElementHarness(AV1Parse(), inputCaps: caps)
        try harness.push(buffer(Self.firstUnit, pts: .zero))
        try harness.push(buffer(Self.interFrame, pts: .milliseconds(40)))  // no temporal delimiter
        let outputs = harness.pullAll()
        #expect(outputs.map(\.byteArray) == [Self.firstUnit, Self.secondUnit])
        #expect(outputs.map(\.metadata.pts) == [.zero, .milliseconds(40)])
        #expect(outputs.map(\.metadata.duration) == [.milliseconds(40), .milliseconds(40)])
        try harness.finish()
    }

    @Test func obuAlignmentSendsEachOBUAlone() throws {
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1"), outputCaps: Caps("video/x-av1", [("alignment", .string("obu"))])
        )
        try harness.push(buffer(Self.firstUnit + Self.secondUnit, pts: .zero))
        try harness.pushEvent(.eos)
        let outputs = harness.pullAll()
        #expect(
            outputs.map(\.byteArray)
                == [
                    AV1Stream.temporalDelimiter, AV1Stream.obu(1, Self.sequenceHeaderPayload), Self.keyFrame,
                    AV1Stream.temporalDelimiter, Self.interFrame,
                ])
        #expect(outputs.map { $0.metadata.flags.contains(.deltaUnit) } == [false, false, false, true, true])
        try harness.finish()
    }

    /// An Annex B temporal unit with one frame unit holding `obus` (each `obu_length`-prefixed).
    static func annexB(_ obus: [[UInt8]]) -> [UInt8] {
        let frameUnit = obus.flatMap { AV1Stream.leb128($0.count) + $0 }
        let temporalUnit = AV1Stream.leb128(frameUnit.count) + frameUnit
        return AV1Stream.leb128(temporalUnit.count) + temporalUnit
    }

    static let firstAnnexB = annexB([
        AV1Stream.element(2, []), AV1Stream.element(1, sequenceHeaderPayload),
        AV1Stream.element(6, [0x10, 0x01, 0x02, 0x03]),
    ])
    static let secondAnnexB = annexB([AV1Stream.element(2, []), AV1Stream.element(6, [0x30, 0x04, 0x05])])

    @Test func obuStreamBecomesAnnexBWhenDownstreamAsks() throws {
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1"),
            outputCaps: Caps("video/x-av1", [("stream-format", .string("annexb"))]))
        #expect(
            harness.outputCaps?.description
                == "video/x-av1, stream-format=(string)annexb, alignment=(string)tu, parsed=(boolean)true")
        try harness.push(buffer(Self.firstUnit + Self.secondUnit, pts: .zero))
        try harness.pushEvent(.eos)
        let outputs = harness.pullAll()
        #expect(outputs.map(\.byteArray) == [Self.firstAnnexB, Self.secondAnnexB])
        try harness.finish()
        // …and back.
        let back = try ElementHarness(AV1Parse(), inputCaps: Caps("video/x-av1"))
        for output in outputs { try back.push(output) }
        #expect(back.pullAll().map(\.byteArray) == [Self.firstUnit, Self.secondUnit])
        try back.finish()
    }

    @Test func annexBBecomesOBUsWithSizeFields() throws {
        let first = Self.firstAnnexB, second = Self.secondAnnexB
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1", [("stream-format", .string("annexb"))]))
        let stream = first + second
        try harness.push(buffer(Array(stream[..<5])))
        try harness.push(buffer(Array(stream[5...])))
        let outputs = harness.pullAll()
        #expect(outputs.map(\.byteArray) == [Self.firstUnit, Self.secondUnit])
        #expect(outputs.map { $0.metadata.flags.contains(.deltaUnit) } == [false, true])
        try harness.finish()
    }

    @Test(
        "malformed input fails with the byte position",
        arguments: [
            ([0x80, 0x00], "av1parse: the OBU at byte 0 has its forbidden bit set (not an AV1 stream?)"),
            ([0x12, 0x00, 0xFF, 0x00], "av1parse: the OBU at byte 2 has its forbidden bit set (not an AV1 stream?)"),
            ([0x12, 0x00, 0x30, 0x01], "av1parse: the OBU at byte 2 has no size field, which obu-stream requires"),
            (
                [0x12, 0x00, 0x32, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
                "av1parse: the size at byte 2 is not a valid LEB128 value"
            ),
            (
                [0x12, 0x00, 0x32, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
                "av1parse: the unit at byte 2 declares 4294967295 bytes, more than the 4194304 a temporal unit may hold"
            ),
            ([0x12, 0x01, 0x00], "av1parse: the temporal delimiter at byte 0 has a 1-byte payload (it must be empty)"),
            ([0x12, 0x00, 0x0A, 0x01, 0x00], "av1parse: the sequence header at byte 2 cannot be read"),
        ] as [([UInt8], String)])
    func malformedInputIsAnError(_ bytes: [UInt8], _ message: String) throws {
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1", [("stream-format", .string("obu-stream"))]))
        #expect(throws: ElementError(message)) { try harness.push(buffer(bytes)) }
        harness.stop()
    }

    @Test func garbageWithoutAStreamFormatIsReadAsOBUsAndRefused() throws {
        let harness = try ElementHarness(AV1Parse(), inputCaps: Caps("video/x-av1"))
        #expect(try harness.push(buffer([0x80, 0x00])) == .dropped)  // too short to tell the framing yet
        #expect(throws: ElementError("av1parse: the OBU at byte 0 has its forbidden bit set (not an AV1 stream?)")) {
            try harness.pushEvent(.eos)
        }
        harness.stop()
    }

    @Test func aStreamEndingInsideAnOBUIsAnErrorAtEndOfStream() throws {
        let harness = try ElementHarness(AV1Parse(), inputCaps: Caps("video/x-av1"))
        try harness.push(buffer(Self.firstUnit + [0x12, 0x00, 0x32, 0x05, 0x01]))
        #expect(harness.pullAll().map(\.byteArray) == [Self.firstUnit])
        #expect(throws: ElementError("av1parse: the stream ends inside the OBU at byte \(Self.firstUnit.count + 2)")) {
            try harness.pushEvent(.eos)
        }
        harness.stop()
    }

    @Test func annexBUnitsLargerThanTheirSizesSayAreErrors() throws {
        let harness = try ElementHarness(
            AV1Parse(), inputCaps: Caps("video/x-av1", [("stream-format", .string("annexb"))]))
        // temporal_unit_size 3, frame_unit_size 5: the frame unit does not fit.
        #expect(throws: ElementError("av1parse: the frame unit at byte 1 does not fit its temporal unit")) {
            try harness.push(buffer([0x03, 0x05, 0x01, 0x10]))
        }
        harness.stop()
    }

    @Test(arguments: ["obu-stream", "annexb", nil] as [String?])
    func randomBytesAreParsedOrRefusedWithoutACrash(_ format: String?) throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        // A small frame size keeps outputs (and the largest unit kept) at 64 KiB and a little.
        let size: [(String, CapsValue)] = [("width", .int(16)), ("height", .int(16))]
        let caps = Caps("video/x-av1", (format.map { [("stream-format", .string($0))] } ?? []) + size)
        var refused = 0
        for round in 0..<200 {
            // Half the streams start as valid AV1 does, so the parser gets past the first bytes.
            var bytes = (0..<(8 + round % 90)).map { _ in next() }
            if round % 2 == 0 { bytes = (format == "annexb" ? Self.firstAnnexB : Self.firstUnit) + bytes }
            var parser = AV1Parse()
            do { try parser.discoverFormat(fromHeader: bytes) } catch {}
            let harness = try ElementHarness(AV1Parse(), inputCaps: caps)
            do {
                for start in stride(from: 0, to: bytes.count, by: 7) {
                    try harness.push(Buffer(copying: Array(bytes[start..<min(start + 7, bytes.count)])))
                }
                try harness.pushEvent(.eos)
            } catch {
                #expect(error.message.hasPrefix("av1parse: "))
                refused += 1
            }
            _ = harness.pullAll()
            harness.stop()
        }
        #expect(refused > 100)
    }
}
