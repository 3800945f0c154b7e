import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct WavParserTests {
    static let input = Caps("audio/x-wav")

    static func le(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }

    /// A stereo S16LE file at 8 kHz with a LIST chunk of odd length before `data`.
    static func file(samples: [UInt8], dataLength: UInt32? = nil, fmt: [UInt8]? = nil) -> [UInt8] {
        let format = fmt ?? [1, 0, 2, 0] + le(8000) + le(32000) + [4, 0, 16, 0]
        var bytes = Array("RIFF".utf8) + le(0) + Array("WAVE".utf8)
        bytes += Array("LIST".utf8) + le(5) + Array("INFOx".utf8) + [0]
        bytes += Array("fmt ".utf8) + le(UInt32(format.count)) + format
        bytes += Array("data".utf8) + le(dataLength ?? UInt32(samples.count)) + samples
        return bytes
    }

    static func parser(reading bytes: [UInt8]) throws -> WavParser {
        var parser = WavParser()
        try parser.discoverFormat(fromHeader: Array(bytes.prefix(parser.headerPeekLength)))
        return parser
    }

    @Test(arguments: [1, 5, 13, 4096])
    func sendsWholeSampleFramesStampedFromTheSampleCount(chunk: Int) throws {
        let samples = (0..<64).map { UInt8($0) }
        let bytes = Self.file(samples: samples) + Array("LIST".utf8) + Self.le(4) + Array("INFO".utf8)
        let parser = try Self.parser(reading: bytes)
        let harness = try ElementHarness(parser, inputCaps: Self.input)
        #expect(
            harness.outputCaps?.description
                == "audio/x-raw, format=(string)S16LE, layout=(string)interleaved, rate=(int)8000, channels=(int)2")
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try harness.push(Buffer(copying: bytes[start..<min(start + chunk, bytes.count)]))
        }
        let outputs = harness.pullAll()
        #expect(outputs.flatMap(\.byteArray) == samples)
        #expect(outputs.allSatisfy { $0.length % 4 == 0 })
        var expected: UInt64 = 0
        for output in outputs {
            #expect(output.metadata.offset == expected)
            #expect(output.metadata.pts?.nanoseconds == expected * 125_000)
            expected += UInt64(output.length / 4)
        }
        try harness.finish()
    }

    @Test(arguments: [UInt32(0xFFFF_FFFF), 1_000_000, 0])
    func aDataLengthPastTheEndReadsToTheEndOfTheStream(length: UInt32) throws {
        let bytes = Self.file(samples: [UInt8](repeating: 3, count: 40), dataLength: length)
        let harness = try ElementHarness(try Self.parser(reading: bytes), inputCaps: Self.input)
        try harness.push(Buffer(copying: bytes))
        #expect(harness.pullAll().flatMap(\.byteArray) == [UInt8](repeating: 3, count: 40))
        try harness.finish()
    }

    @Test func readsExtensibleFloatHeaders() throws {
        let guid: [UInt8] = [3, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
        let fmt: [UInt8] =
            [0xFE, 0xFF, 3, 0] + Self.le(48000) + Self.le(576_000) + [12, 0, 32, 0, 22, 0, 32, 0]
            + Self.le(0x0B) + guid
        let parser = try Self.parser(reading: Self.file(samples: [], fmt: fmt))
        #expect(
            parser.transformCaps(Self.input, from: .sink).description
                == "audio/x-raw, format=(string)F32LE, layout=(string)interleaved, rate=(int)48000, channels=(int)3")
    }

    @Test func badHeadersAreErrorsNamingTheirPosition() {
        func discover(_ bytes: [UInt8]) throws(ElementError) {
            var parser = WavParser()
            try parser.discoverFormat(fromHeader: bytes)
        }
        #expect(
            throws: ElementError(
                "wavparse: not a RIFF/WAVE stream: it starts with \"YUV4MPEG2 W6\" at byte 0")
        ) {
            try discover(Array("YUV4MPEG2 W6 H2\n".utf8))
        }
        #expect(throws: ElementError("wavparse: the fmt chunk at byte 26 is 14 bytes, at least 16 are needed")) {
            try discover(Self.file(samples: [], fmt: [1, 0, 2, 0] + Self.le(8000) + Self.le(32000) + [4, 0]))
        }
        #expect(
            throws: ElementError(
                "wavparse: the fmt chunk at byte 26 says 16777216 bytes, at most 1024 are accepted")
        ) {
            try discover(Array(Self.file(samples: []).prefix(26)) + Array("fmt ".utf8) + Self.le(1 << 24))
        }
        #expect(
            throws: ElementError(
                "wavparse: unsupported format tag 85 with 0 bits per sample in the fmt chunk at byte 26 "
                    + "(supported: PCM 8, 16, 24, 32 bits; IEEE float 32, 64 bits)")
        ) {
            try discover(Self.file(samples: [], fmt: [0x55, 0, 2, 0] + Self.le(8000) + Self.le(32000) + [1, 0, 0, 0]))
        }
        #expect(throws: ElementError("wavparse: the data chunk at byte 12 comes before any fmt chunk")) {
            try discover(Array("RIFF".utf8) + Self.le(0) + Array("WAVEdata".utf8) + Self.le(4))
        }
        #expect(
            throws: ElementError(
                "wavparse: garbage instead of a chunk header at byte 12: \"\\xFF\\xFE\\x00\\x01\\x02\\x03\\x04\\x05\"")
        ) {
            try discover(Array("RIFF".utf8) + Self.le(0) + Array("WAVE".utf8) + [0xFF, 0xFE, 0, 1, 2, 3, 4, 5])
        }
        #expect(throws: ElementError("wavparse: no fmt chunk in the first 12 bytes of the stream")) {
            try discover(Array("RIFF".utf8) + Self.le(0) + Array("WAVE".utf8))
        }
    }

    @Test func aStreamEndingInsideTheHeaderIsAnError() throws {
        let bytes = Self.file(samples: [1, 2, 3, 4])
        let harness = try ElementHarness(try Self.parser(reading: bytes), inputCaps: Self.input)
        try harness.push(Buffer(copying: bytes.prefix(40)))
        #expect(throws: ElementError("wavparse: the stream ended inside the fmt chunk at byte 26")) {
            try harness.finish()
        }
    }

    @Test func aFormatThatDoesNotMatchTheNegotiatedCapsIsAnError() throws {
        let harness = try ElementHarness(try Self.parser(reading: Self.file(samples: [])), inputCaps: Self.input)
        let mono = Self.file(samples: [], fmt: [1, 0, 1, 0] + Self.le(8000) + Self.le(16000) + [2, 0, 16, 0])
        #expect(
            throws: ElementError(
                "wavparse: the fmt chunk says 1 channels of S16LE at 8000 Hz, but audio/x-raw, format=(string)S16LE, "
                    + "layout=(string)interleaved, rate=(int)8000, channels=(int)2 was negotiated")
        ) {
            try harness.push(Buffer(copying: mono))
        }
        harness.stop()
    }
}
