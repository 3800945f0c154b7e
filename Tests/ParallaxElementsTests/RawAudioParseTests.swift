import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct RawAudioParseTests {
    @Test func sendsWholeFramesAndKeepsTheRestForTheNextInput() throws {
        var parse = RawAudioParse()
        parse.pcmFormat = .s24le
        parse.sampleRate = 1000
        parse.channels = 2
        let harness = try ElementHarness(parse)
        #expect(
            harness.outputCaps?.description
                == "audio/x-raw, format=(string)S24LE, layout=(string)interleaved, rate=(int)1000, channels=(int)2")
        #expect(try harness.push(Buffer(copying: Array(0..<4))) == .dropped)  // less than one 6-byte frame
        #expect(try harness.push(Buffer(copying: Array(4..<15))) == .ok)
        #expect(try harness.push(Buffer(copying: Array(15..<18))) == .ok)
        let outputs = harness.pullAll()
        #expect(outputs.map(\.byteArray) == [Array(0..<12), Array(12..<18)])
        #expect(outputs.map { $0.metadata.pts?.nanoseconds } == [0, 2_000_000])
        #expect(outputs.map { $0.metadata.duration?.nanoseconds } == [2_000_000, 1_000_000])
        #expect(outputs.map(\.metadata.offset) == [0, 2])
        try harness.finish()
    }

    @Test func alawAndMulawNameTheirOwnCaps() throws {
        var parse = RawAudioParse()
        parse.format = .alaw
        parse.channels = 1
        parse.sampleRate = 8000
        #expect(parse.caps.description == "audio/x-alaw, rate=(int)8000, channels=(int)1")
        parse.format = .mulaw
        #expect(parse.caps.description == "audio/x-mulaw, rate=(int)8000, channels=(int)1")
    }

    @Test func planarAudioIsRefused() {
        var parse = RawAudioParse()
        parse.interleaved = false
        #expect(throws: ElementError("rawaudioparse: interleaved=false (planar audio) is not supported")) {
            try ElementHarness(parse)
        }
    }
}
