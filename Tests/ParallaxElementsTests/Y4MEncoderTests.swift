import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct Y4MEncoderTests {
    @Test func writesTheHeaderOnceThenFramesWithTheirPlanesPacked() throws {
        // I420 6×2: rows padded to 8 (Y) and 4 (U, V) in memory, packed to 6 and 3 in the file.
        let caps = try Caps(parsing: "video/x-raw,format=I420,width=6,height=2,framerate=25/1")
        let harness = try ElementHarness(Y4MEncoder(), inputCaps: caps)
        let frame: [UInt8] = [1, 2, 3, 4, 5, 6, 0, 0, 7, 8, 9, 10, 11, 12, 0, 0, 20, 21, 22, 0, 30, 31, 32, 0]
        #expect(try harness.push(Buffer(copying: frame)) == .ok)
        #expect(try harness.push(Buffer(copying: frame)) == .ok)
        let planes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 21, 22, 30, 31, 32]
        let outputs = harness.pullAll().map(\.byteArray)
        #expect(
            outputs == [
                Array("YUV4MPEG2 C420 W6 H2 Ip F25:1 A1:1\nFRAME\n".utf8) + planes, Array("FRAME\n".utf8) + planes,
            ])
        try harness.finish()
    }

    @Test func interlacingAspectRatioAndChromaGoToTheHeader() throws {
        let caps = try Caps(
            parsing: "video/x-raw,format=Y42B,width=4,height=2,framerate=30000/1001,"
                + "pixel-aspect-ratio=4/3,interlace-mode=interleaved,field-order=top-field-first")
        let harness = try ElementHarness(Y4MEncoder(), inputCaps: caps)
        #expect(try harness.push(Buffer(copying: [UInt8](repeating: 9, count: 24))) == .ok)
        let text = String(decoding: try #require(harness.pull()).byteArray.prefix(48), as: UTF8.self)
        #expect(text.hasPrefix("YUV4MPEG2 C422 W4 H2 It F30000:1001 A4:3\nFRAME\n"))
        try harness.finish()
    }

    @Test func aShortFrameIsAnError() throws {
        let caps = try Caps(parsing: "video/x-raw,format=Y444,width=4,height=4,framerate=25/1")
        let harness = try ElementHarness(Y4MEncoder(), inputCaps: caps)
        #expect(throws: ElementError("y4menc: frame 0 is 40 bytes, a 4×4 Y444 frame needs 48")) {
            try harness.push(Buffer(copying: [UInt8](repeating: 0, count: 40)))
        }
        harness.stop()
    }
}
