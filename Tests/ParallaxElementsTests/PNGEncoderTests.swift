import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct PNGEncoderTests {
    static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var chunks: [(String, [UInt8])] = []
        var at = 8
        while at + 12 <= png.count {
            let length = png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) }
            chunks.append(
                (String(decoding: png[(at + 4)..<(at + 8)], as: UTF8.self), Array(png[(at + 8)..<(at + 8 + length)])))
            at += 12 + length
        }
        return chunks
    }

    @Test func writesSignatureHeaderCompressedRowsAndEnd() throws {
        let caps = try Caps(parsing: "video/x-raw,format=RGB,width=3,height=2,framerate=5/1")
        var encoder = PNGEncoder()
        encoder.compressionLevel = 0  // stored deflate blocks: the filtered rows appear as they are
        let harness = try ElementHarness(encoder, inputCaps: caps)
        #expect(harness.outputCaps?.description == "image/png, width=(int)3, height=(int)2, framerate=(fraction)5/1")
        // RGB rows of 9 bytes padded to 12 in memory.
        let frame: [UInt8] = (1...9) + [0, 0, 0] + (11...19) + [0, 0, 0]
        var buffer = Buffer(copying: frame)
        buffer.metadata.pts = .milliseconds(200)
        try harness.push(buffer)
        let png = try #require(harness.pull())
        #expect(png.metadata.pts == .milliseconds(200))
        let bytes = png.byteArray
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let chunks = Self.chunks(bytes)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks[0].data == [0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0])
        let rows: [UInt8] = [0] + Array(1...9) + [0] + Array(11...19)
        #expect(chunks[1].data.count == 2 + 5 + rows.count + 4)  // zlib header, stored block header, rows, Adler-32
        #expect(Array(chunks[1].data[7..<(7 + rows.count)]) == rows)
        #expect(Array(bytes.suffix(4)) == [0xAE, 0x42, 0x60, 0x82])  // the CRC-32 of an empty IEND
        try harness.finish()
    }

    @Test func snapshotEndsTheStreamAfterTheFirstImage() throws {
        let caps = try Caps(parsing: "video/x-raw,format=GRAY8,width=4,height=1,framerate=5/1")
        var encoder = PNGEncoder()
        encoder.snapshot = true
        let harness = try ElementHarness(encoder, inputCaps: caps)
        #expect(try harness.push(Buffer(copying: [1, 2, 3, 4])) == .eos)
        #expect(Self.chunks(try #require(harness.pull()).byteArray)[0].data == [0, 0, 0, 4, 0, 0, 0, 1, 8, 0, 0, 0, 0])
        #expect(harness.pendingOutputs == 0)
        try harness.finish()
    }

    @Test func aShortFrameIsAnError() throws {
        let caps = try Caps(parsing: "video/x-raw,format=RGBA,width=4,height=4,framerate=5/1")
        let harness = try ElementHarness(PNGEncoder(), inputCaps: caps)
        #expect(throws: ElementError("pngenc: a frame of 10 bytes is smaller than 4×4 RGBA (64 bytes)")) {
            try harness.push(Buffer(copying: [UInt8](repeating: 0, count: 10)))
        }
        harness.stop()
    }
}
