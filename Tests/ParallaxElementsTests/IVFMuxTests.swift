import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct IVFMuxTests {
    @Test func writesTheHeaderFramesAndTheFrameCountAtEndOfStream() throws {
        let caps = try Caps(parsing: "video/x-vp9,width=320,height=240,framerate=30000/1001")
        let harness = try ElementHarness(IVFMux(), inputCaps: caps)
        #expect(harness.outputCaps == Caps("video/x-ivf"))
        for index in 0..<3 {
            var frame = Buffer(copying: [UInt8](repeating: UInt8(index), count: 5))
            frame.metadata.pts = ClockTime(nanoseconds: UInt64(index) * 1_001_000_000 / 30)
            #expect(try harness.push(frame) == .ok)
        }
        let outputs = harness.pullAll()
        #expect(outputs.count == 4)
        #expect(
            outputs[0].byteArray == Array("DKIF".utf8) + [0, 0, 32, 0] + Array("VP90".utf8)
                + [0x40, 0x01, 0xF0, 0x00, 0x30, 0x75, 0, 0, 0xE9, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(outputs[0].metadata.flags.contains(.header))
        // size 5, pts 0, 1, 2 in units of 1001/30000 s
        #expect(
            outputs[1...].map(\.byteArray)
                == (0..<3).map {
                    [5, 0, 0, 0, UInt8($0), 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: UInt8($0), count: 5)
                })
        try harness.pushEvent(.eos)
        let count = try #require(harness.pull())
        #expect(count.byteArray == [3, 0, 0, 0])
        #expect(count.metadata.flags.contains(.overwrite))
        #expect(count.metadata.offset == 24)
        try harness.finish()
    }

    @Test func withoutAFrameRateTheTimebaseIsOneMillisecond() throws {
        let caps = try Caps(parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=16,height=16")
        let harness = try ElementHarness(IVFMux(), inputCaps: caps)
        var frame = Buffer(copying: [0x12, 0x00])
        frame.metadata.pts = .milliseconds(1500)
        #expect(try harness.push(frame) == .ok)
        let outputs = harness.pullAll()
        #expect(Array(outputs[0].byteArray[8..<12]) == Array("AV01".utf8))
        #expect(Array(outputs[0].byteArray[16..<24]) == [0xE8, 0x03, 0, 0, 1, 0, 0, 0])
        #expect(Array(outputs[1].byteArray[4..<12]) == [0xDC, 0x05, 0, 0, 0, 0, 0, 0])
        try harness.pushEvent(.eos)
        _ = harness.pullAll()
        try harness.finish()
    }

    @Test func capsWithoutASizeAreRefused() throws {
        #expect(throws: ElementError("ivfmux: the caps video/x-vp8 need a width and height from 1 to 65535")) {
            try ElementHarness(IVFMux(), inputCaps: Caps("video/x-vp8"))
        }
    }
}
