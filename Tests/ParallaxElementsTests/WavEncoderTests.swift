import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct WavEncoderTests {
    static func header(riff: UInt32, data: UInt32) -> [UInt8] {
        func le(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        return Array("RIFF".utf8) + le(riff) + Array("WAVEfmt ".utf8) + le(16)
            + [1, 0, 2, 0] + le(8000) + le(32000) + [4, 0, 16, 0] + Array("data".utf8) + le(data)
    }

    @Test func writesAHeaderThenTheSamplesAndCorrectsTheSizesAtEndOfStream() throws {
        let caps = try Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=2")
        let harness = try ElementHarness(WavEncoder(), inputCaps: caps)
        #expect(harness.outputCaps?.description == "audio/x-wav")
        try harness.push(Buffer(copying: [1, 2, 3, 4, 5, 6, 7, 8]))
        try harness.push(Buffer(copying: [9, 10, 11, 12]))
        try harness.pushEvent(.eos)
        let outputs = harness.pullAll()
        #expect(
            outputs.map(\.byteArray) == [
                Self.header(riff: 0xFFFF_FFFF, data: 0xFFFF_FFFF) + [1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12],
                Self.header(riff: 36 + 12, data: 12),
            ])
        #expect(outputs.map(\.metadata.offset) == [0, 52, 0])
        #expect(outputs.map { $0.metadata.flags.contains(.overwrite) } == [false, false, true])
        #expect(harness.pullEvent() == .eos)
        try harness.finish()
    }

    @Test func moreThanTwoChannelsUseTheExtensibleHeaderWithAFactChunk() throws {
        let caps = try Caps(parsing: "audio/x-raw,format=F32LE,layout=interleaved,rate=8000,channels=3")
        let harness = try ElementHarness(WavEncoder(), inputCaps: caps)
        try harness.push(Buffer(copying: [UInt8](repeating: 0, count: 24)))
        try harness.pushEvent(.eos)
        let outputs = harness.pullAll().map(\.byteArray)
        let final = try #require(outputs.last)
        #expect(final.count == 80)
        #expect(Array(final[16..<24]) == [40, 0, 0, 0, 0xFE, 0xFF, 3, 0])  // fmt size 40, extensible, 3 channels
        #expect(Array(final[40..<46]) == [0x0B, 0, 0, 0, 3, 0])  // channel mask 2.1, IEEE float sub-format
        #expect(String(decoding: final[60..<64], as: UTF8.self) == "fact" && final[68] == 2)  // 2 sample frames
        #expect(Array(final[72..<80]) == Array("data".utf8) + [24, 0, 0, 0])
        try harness.finish()
    }

    @Test func anEmptyStreamGetsAComplete44ByteHeader() throws {
        let caps = try Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=2")
        let harness = try ElementHarness(WavEncoder(), inputCaps: caps)
        try harness.pushEvent(.eos)
        let output = try #require(harness.pull())
        #expect(output.byteArray == Self.header(riff: 36, data: 0))
        #expect(!output.metadata.flags.contains(.overwrite))
        try harness.finish()
    }
}
