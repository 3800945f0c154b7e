import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct Y4MDecoderTests {
    static let input = Caps("application/x-yuv4mpeg", [("y4mversion", .int(2))])

    /// A 6×2 I420 stream of `count` frames, frame n filled with n + 1.
    static func stream(frames count: Int, header: String = "YUV4MPEG2 W6 H2 F30:1 Ip A0:0 C420jpeg XYSCSS=420JPEG")
        -> [UInt8]
    {
        var bytes = Array((header + "\n").utf8)
        for n in 0..<count { bytes += Array("FRAME Ixyz\n".utf8) + [UInt8](repeating: UInt8(n + 1), count: 18) }
        return bytes
    }

    static func decoder(reading header: [UInt8]) throws -> Y4MDecoder {
        var decoder = Y4MDecoder()
        try decoder.discoverFormat(fromHeader: Array(header.prefix(decoder.headerPeekLength)))
        return decoder
    }

    @Test func readsTheFormatFromTheHeaderBeforeNegotiation() throws {
        let decoder = try Self.decoder(reading: Self.stream(frames: 1))
        #expect(
            decoder.transformCaps(Self.input, from: .sink).description
                == "video/x-raw, format=(string)I420, width=(int)6, height=(int)2, framerate=(fraction)30/1, "
                + "pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive")
    }

    @Test(arguments: [1, 7, 29, 1000])
    func emitsOneFramePerFrameWhateverTheInputBuffers(chunk: Int) throws {
        let bytes = Self.stream(frames: 3)
        let harness = try ElementHarness(try Self.decoder(reading: bytes), inputCaps: Self.input)
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            #expect(try harness.push(Buffer(copying: bytes[start..<min(start + chunk, bytes.count)])) == .dropped)
        }
        let frames = harness.pullAll()
        // Rows padded to 8 (Y) and 4 (U, V) bytes, the padding zeroed.
        #expect(
            frames.map(\.byteArray)
                == (1...3).map { (v: UInt8) in
                    [v, v, v, v, v, v, 0, 0, v, v, v, v, v, v, 0, 0, v, v, v, 0, v, v, v, 0]
                })
        #expect(frames.map { $0.metadata.pts?.nanoseconds } == [0, 33_333_333, 66_666_666])
        #expect(frames.map { $0.metadata.duration?.nanoseconds } == [33_333_333, 33_333_333, 33_333_333])
        #expect(frames.map(\.metadata.offset) == [0, 1, 2])
        try harness.finish()
    }

    @Test func aHeaderThatDoesNotMatchTheNegotiatedCapsIsAnError() throws {
        let decoder = try Self.decoder(reading: Self.stream(frames: 1))
        let harness = try ElementHarness(decoder, inputCaps: Self.input)
        #expect(
            throws: ElementError(
                "y4mdec: the stream header says Y444 8×2 at 30/1, but video/x-raw, format=(string)I420, width=(int)6, "
                    + "height=(int)2, framerate=(fraction)30/1, pixel-aspect-ratio=(fraction)1/1, "
                    + "interlace-mode=(string)progressive was negotiated")
        ) {
            try harness.push(Buffer(copying: Self.stream(frames: 1, header: "YUV4MPEG2 W8 H2 F30:1 C444")))
        }
        harness.stop()
    }

    @Test func aTruncatedFrameIsAnErrorAtEndOfStream() throws {
        let bytes = Self.stream(frames: 2)
        let harness = try ElementHarness(try Self.decoder(reading: bytes), inputCaps: Self.input)
        try harness.push(Buffer(copying: bytes.dropLast(5)))
        #expect(harness.pullAll().count == 1)
        #expect(
            throws: ElementError(
                "y4mdec: the stream ends inside frame 1 at byte 83: 24 bytes left, a 6×2 I420 frame takes 18 after its "
                    + "FRAME line")
        ) { try harness.finish() }
    }

    @Test func aFrameOfTheWrongSizeIsCaughtAtTheNextFrameMarker() throws {
        // The header says 6×2 (18 bytes a frame) but the frames hold 20: the next FRAME is 2 bytes late.
        var bytes = Array("YUV4MPEG2 W6 H2 F25:1\n".utf8)
        for _ in 0..<2 { bytes += Array("FRAME\n".utf8) + [UInt8](repeating: 7, count: 20) }
        let harness = try ElementHarness(try Self.decoder(reading: bytes), inputCaps: Self.input)
        try harness.push(Buffer(copying: bytes.prefix(46)))
        #expect(harness.pullAll().count == 1)
        #expect(throws: ElementError("y4mdec: expected FRAME at byte 46 (frame 1), found \"\\x07\\x07FRAME\\x0A\"")) {
            try harness.push(Buffer(copying: bytes.dropFirst(46)))
        }
        harness.stop()
    }

    @Test func headerErrorsNameTheFieldAndItsPosition() {
        func discover(_ text: String) throws(ElementError) {
            var decoder = Y4MDecoder()
            try decoder.discoverFormat(fromHeader: Array(text.utf8))
        }
        #expect(
            throws: ElementError("y4mdec: not a YUV4MPEG2 stream: the file starts with \"RIFF\\x00\\x00\\x00\\x00W\"")
        ) {
            try discover("RIFF\0\0\0\0WAVEfmt ")
        }
        #expect(throws: ElementError("y4mdec: bad width \"W99999999\" in the stream header at byte 10")) {
            try discover("YUV4MPEG2 W99999999 H2\n")
        }
        #expect(throws: ElementError("y4mdec: bad frame rate \"Fx:1\" in the stream header at byte 16")) {
            try discover("YUV4MPEG2 W6 H2 Fx:1\n")
        }
        #expect(throws: ElementError("y4mdec: the stream header has no height (H)")) { try discover("YUV4MPEG2 W6\n") }
        #expect(
            throws: ElementError(
                "y4mdec: unsupported chroma \"C420p12\" in the stream header at byte 16 "
                    + "(supported: 420jpeg, 420paldv, 420mpeg2, 420, 422, 411, 444, mono, 420p10)")
        ) {
            try discover("YUV4MPEG2 W6 H2 C420p12\n")
        }
        #expect(throws: ElementError("y4mdec: the stream header has no end of line in its first 1024 bytes")) {
            try discover("YUV4MPEG2 " + String(repeating: "X", count: 1100))
        }
    }

    @Test func aFrameSizeFromTheHeaderAllocatesNothingUntilTheBytesArrive() throws {
        var decoder = Y4MDecoder()
        #expect(throws: ElementError("y4mdec: a 65536×65536 frame is too large")) {
            try decoder.discoverFormat(fromHeader: Array("YUV4MPEG2 W65536 H65536 C444\n".utf8))
        }
        // 4096×4096 I420 is 24 MiB a frame: a 98-byte stream claiming it holds only what arrived.
        let header = Array("YUV4MPEG2 W4096 H4096 F25:1\n".utf8)
        let harness = try ElementHarness(try Self.decoder(reading: header), inputCaps: Self.input)
        #expect(
            try harness.push(Buffer(copying: header + Array("FRAME\n".utf8) + [UInt8](repeating: 1, count: 64)))
                == .dropped)
        #expect(
            throws: ElementError(
                "y4mdec: the stream ends inside frame 0 at byte 28: 70 bytes left, a 4096×4096 I420 frame takes "
                    + "25165824 after its FRAME line")
        ) { try harness.finish() }
    }

    @Test func withoutReadingAheadAMismatchSaysWhy() throws {
        let caps = try Caps(parsing: "video/x-raw,format=I420,width=2,height=2,framerate=30/1")
        let harness = try ElementHarness(Y4MDecoder(), inputCaps: Self.input, outputCaps: caps)
        #expect(
            throws: ElementError(
                "y4mdec: the stream header says I420 6×2 at 30/1, but video/x-raw, format=(string)I420, width=(int)2, "
                    + "height=(int)2, framerate=(fraction)30/1 was negotiated (the header was not read before "
                    + "negotiation: only a filesrc, directly or through queues, can be read ahead)")
        ) { try harness.push(Buffer(copying: Self.stream(frames: 1))) }
        harness.stop()
    }
}
