#if Network
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RTPL16PayTests {
    @Test func cutsABufferIntoNumberedPacketsOfWholeFrames() throws {
        var pay = RTPL16Pay()
        pay.sequenceOffset = 65534
        pay.timestampOffset = 1000
        pay.ssrc = 0x0102_0304
        pay.mtu = 412  // 400 bytes of payload: 100 stereo frames
        let caps = try Caps(parsing: "audio/x-raw,format=S16BE,layout=interleaved,rate=8000,channels=2")
        let harness = try ElementHarness(pay, inputCaps: caps, outputCaps: pay.transformCaps(caps, from: .sink))
        #expect(try harness.push(Buffer(copying: (0..<1000).map { UInt8(truncatingIfNeeded: $0) })) == .dropped)
        let packets = harness.pullAll().map(\.byteArray)
        #expect(packets.map(\.count) == [412, 412, 212])
        #expect(packets.map { UInt16($0[2]) << 8 | UInt16($0[3]) } == [65534, 65535, 0])
        #expect(packets.map { $0[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } } == [1000, 1100, 1200])
        #expect(packets.map { $0[1] } == [0x80 | 96, 96, 96])  // the marker on the first packet only
        #expect(packets.allSatisfy { Array($0[8..<12]) == [1, 2, 3, 4] && $0[0] == 0x80 })
        #expect(packets.flatMap { $0.dropFirst(12) } == (0..<1000).map { UInt8(truncatingIfNeeded: $0) })
    }

    @Test func anMtuTooSmallForOneFrameIsAnError() throws {
        var pay = RTPL16Pay()
        pay.mtu = 28
        let caps = try Caps(parsing: "audio/x-raw,format=S16BE,layout=interleaved,rate=8000,channels=9")
        #expect(throws: ElementError("rtpL16pay: an mtu of 28 bytes cannot carry one sample frame of 18 bytes")) {
            try ElementHarness(pay, inputCaps: caps, outputCaps: pay.transformCaps(caps, from: .sink))
        }
    }
}
#endif  // Network
