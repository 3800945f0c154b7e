import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RawVideoParseTests {
    @Test(arguments: [1, 10, 24, 100])
    func cutsTheStreamIntoStampedFrames(chunk: Int) throws {
        var parse = RawVideoParse()
        parse.format = .gray8
        parse.width = 4
        parse.height = 2
        parse.framerate = Fraction(25, 1)
        let harness = try ElementHarness(parse)
        #expect(
            harness.outputCaps?.description
                == "video/x-raw, format=(string)GRAY8, width=(int)4, height=(int)2, framerate=(fraction)25/1, "
                + "pixel-aspect-ratio=(fraction)1/1, interlace-mode=(string)progressive")
        let bytes = (0..<28).map { UInt8($0) }  // three frames of 8 bytes and 4 left over
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try harness.push(Buffer(copying: bytes[start..<min(start + chunk, bytes.count)]))
        }
        let frames = harness.pullAll()
        #expect(frames.map(\.byteArray) == [Array(bytes[0..<8]), Array(bytes[8..<16]), Array(bytes[16..<24])])
        #expect(frames.map { $0.metadata.pts?.nanoseconds } == [0, 40_000_000, 80_000_000])
        #expect(frames.map(\.metadata.offset) == [0, 1, 2])
        try harness.finish()
    }

    @Test func planeStridesOffsetsAndFrameSizeDescribeTheStreamLayout() throws {
        // I420 2×2 in the stream: Y rows 3 bytes apart at 0, U at 8, V at 10, frames 12 bytes apart.
        var parse = RawVideoParse()
        parse.width = 2
        parse.height = 2
        parse.customStrides = "<3,1,1>"
        parse.customOffsets = "<0,8,10>"
        parse.frameSize = 12
        #expect(RawVideoParse().planeStrides == "<320,160,160>" && RawVideoParse().planeOffsets == "<0,76800,96000>")
        let harness = try ElementHarness(parse)
        let stream: [UInt8] = [1, 2, 99, 3, 4, 99, 99, 99, 5, 99, 6, 99]
        try harness.push(Buffer(copying: stream + stream))
        // Out in GStreamer's layout: Y rows of 4, U and V rows of 4.
        let expected: [UInt8] = [1, 2, 0, 0, 3, 4, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0]
        #expect(harness.pullAll().map(\.byteArray) == [expected, expected])
        try harness.finish()
    }

    @Test func badLayoutsAreErrors() {
        var parse = RawVideoParse()
        parse.customStrides = "<320,16>"
        #expect(throws: ElementError("rawvideoparse: plane-strides \"<320,16>\" is not a list of 3 byte counts")) {
            try ElementHarness(parse)
        }
        parse.customStrides = "<320,100,160>"
        #expect(throws: ElementError("rawvideoparse: plane-strides: plane 1 needs at least 160 bytes per row, not 100"))
        {
            try ElementHarness(parse)
        }
        parse.customStrides = nil
        parse.frameSize = 1000
        #expect(throws: ElementError("rawvideoparse: frame-size 1000 is smaller than the 115200 bytes the planes span"))
        {
            try ElementHarness(parse)
        }
    }
}
