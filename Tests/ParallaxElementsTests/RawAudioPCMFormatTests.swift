import ParallaxElements
import Testing

@Suite struct RawAudioPCMFormatTests {
    @Test func nicksAreTheCaseNamesAndCapsNamesTheirUpperCase() {
        for format in RawAudioPCMFormat.allCases {
            #expect(format.nick == String(describing: format))
            #expect(format.capsName == format.nick.uppercased())
        }
        #expect(RawAudioPCMFormat.s16le.capsName == "S16LE")
        #expect(RawAudioPCMFormat.f64be.blurb == "GST_AUDIO_FORMAT_F64BE")
    }
}
