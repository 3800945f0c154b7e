#if AV1
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct AV1EncoderTests {
    static let width = 64, height = 48

    /// A 64×48 I420 frame: a diagonal gradient moving by `index` pixels, grey chroma with a drift.
    static func frame(_ index: Int) -> Buffer {
        var bytes = [UInt8](repeating: 128, count: width * height * 3 / 2)
        for y in 0..<height {
            for x in 0..<width { bytes[y * width + x] = UInt8(truncatingIfNeeded: (x + y + 3 * index) * 2) }
        }
        for i in (width * height)..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: 100 + i % 16 + index) }
        var buffer = Buffer(copying: bytes)
        buffer.metadata.pts = .milliseconds(UInt64(40 * index))
        buffer.metadata.duration = .milliseconds(40)
        return buffer
    }

    static let caps = try! Caps(parsing: "video/x-raw,format=I420,width=64,height=48,framerate=25/1")

    /// The OBU types of a temporal unit, in order.
    static func obuTypes(_ unit: [UInt8]) -> [UInt8]? {
        var types: [UInt8] = []
        var at = 0
        while at < unit.count {
            let header = unit[at]
            guard header & 0x02 != 0 else { return nil }
            at += header & 0x04 != 0 ? 2 : 1
            var size = 0, shift = 0
            while at < unit.count {
                let byte = unit[at]
                size |= Int(byte & 0x7F) << shift
                shift += 7
                at += 1
                if byte & 0x80 == 0 { break }
            }
            at += size
            guard at <= unit.count else { return nil }
            types.append(header >> 3 & 0x0F)
        }
        return types
    }

    @Test func negotiatesAV1OfTheInputSizeAndRate() throws {
        let harness = try ElementHarness(AV1Encoder(), inputCaps: Self.caps)
        #expect(
            harness.outputCaps?.description
                == "video/x-av1, stream-format=(string)obu-stream, alignment=(string)tu, profile=(string)main, "
                + "chroma-format=(string)4:2:0, width=(int)64, height=(int)48, framerate=(fraction)25/1, "
                + "bit-depth-luma=(int)8, bit-depth-chroma=(int)8")
        try harness.finish()
    }

    @Test func encodesTemporalUnitsWithTimestampsKeyFlagsAndDrainsAtEndOfStream() throws {
        var encoder = AV1Encoder()
        encoder.speedPreset = 10
        encoder.minKeyFrameInterval = 6
        encoder.maxKeyFrameInterval = 6
        let harness = try ElementHarness(encoder, inputCaps: Self.caps)
        for index in 0..<8 { try harness.push(Self.frame(index)) }
        let early = harness.pullAll()
        #expect(early.count < 8, "rav1e looks ahead: some frames are still inside it")
        try harness.pushEvent(.eos)
        let outputs = early + harness.pullAll()
        #expect(outputs.count == 8)
        #expect(outputs.map(\.metadata.pts) == (0..<8).map { .milliseconds(UInt64(40 * $0)) })
        #expect(outputs.allSatisfy { $0.metadata.duration == .milliseconds(40) })
        #expect(
            outputs.map { $0.metadata.flags.contains(.deltaUnit) } == [
                false, true, true, true, true, true, false, true,
            ])
        let types = outputs.map { Self.obuTypes($0.byteArray) }
        #expect(types.allSatisfy { $0?.first == 2 }, "every unit starts with a temporal delimiter: \(types)")
        #expect(types[0]?.dropFirst().first == 1, "the first unit carries the sequence header: \(types[0] ?? [])")
        try harness.finish()
    }

    @Test func lowLatencyGivesAUnitPerFrameAtOnce() throws {
        var encoder = AV1Encoder()
        encoder.speedPreset = 10
        encoder.lowLatency = true
        encoder.rdoLookaheadFrames = 1
        let harness = try ElementHarness(encoder, inputCaps: Self.caps)
        var delivered = 0
        for index in 0..<4 {
            try harness.push(Self.frame(index))
            delivered += harness.pullAll().count
        }
        try harness.pushEvent(.eos)
        delivered += harness.pullAll().count
        #expect(delivered == 4)
        try harness.finish()
    }

    @Test func whatItMakesAv1parseReadsAsTheSameUnits() throws {
        var encoder = AV1Encoder()
        encoder.speedPreset = 10
        let harness = try ElementHarness(encoder, inputCaps: Self.caps)
        for index in 0..<3 { try harness.push(Self.frame(index)) }
        try harness.pushEvent(.eos)
        let units = harness.pullAll()
        try harness.finish()
        var parser = AV1Parse()
        try parser.discoverFormat(fromHeader: units.flatMap(\.byteArray))
        #expect(
            parser.transformCaps(Caps("video/x-av1"), from: .sink).structures.first?.int("width") == Self.width)
        let parse = try ElementHarness(parser, inputCaps: harness.outputCaps)
        for unit in units { try parse.push(unit) }
        let parsed = parse.pullAll()
        #expect(parsed.map(\.byteArray) == units.map(\.byteArray))
        #expect(
            parsed.map { $0.metadata.flags.contains(.deltaUnit) }
                == units.map { $0.metadata.flags.contains(.deltaUnit) })
        try parse.finish()
    }

    @Test func aBitrateSelectsRateControl() throws {
        var encoder = AV1Encoder()
        encoder.speedPreset = 10
        encoder.bitrate = 50
        let harness = try ElementHarness(encoder, inputCaps: Self.caps)
        for index in 0..<4 { try harness.push(Self.frame(index)) }
        try harness.pushEvent(.eos)
        #expect(harness.pullAll().count == 4)
        try harness.finish()
    }

    @Test func aConfigurationRav1eRefusesFailsWithTheSettings() throws {
        var encoder = AV1Encoder()
        encoder.tileColumns = 3
        #expect(
            throws: ElementError(
                "av1enc: rav1e cannot encode 64×48 with speed=6 quantizer=100 min_key_frame_interval=12 "
                    + "key_frame_interval=240 low_latency=false tile_cols=3")
        ) { try ElementHarness(encoder, inputCaps: Self.caps) }
    }

    @Test func aShortFrameIsAnError() throws {
        let harness = try ElementHarness(AV1Encoder(), inputCaps: Self.caps)
        #expect(
            throws: ElementError("av1enc: a frame of 10 bytes is smaller than 64×48 I420 (4608 bytes)")
        ) { try harness.push(Buffer(copying: [UInt8](repeating: 0, count: 10))) }
        harness.stop()
    }
}
#endif  // AV1
