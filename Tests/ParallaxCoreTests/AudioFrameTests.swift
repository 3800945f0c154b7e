import ParallaxCore
import Testing

@Suite struct AudioFrameTests {
    @Test func s16leStereoIsInterleavedLittleEndian() {
        let frame = AudioFrame<S16LE>(interleaved: [1000, -1000, 2, -2, 32767, -32768], rate: 48_000, channels: 2)
        #expect(frame.samplesPerChannel == 3)
        #expect(frame.channels == 2)
        #expect(frame.buffer.byteArray == [0xE8, 0x03, 0x18, 0xFC, 0x02, 0x00, 0xFE, 0xFF, 0xFF, 0x7F, 0x00, 0x80])
        #expect(frame[0, channel: 0] == 1000)
        #expect(frame[2, channel: 1] == -32768)
        #expect(frame.samples(channel: 0) == [1000, 2, 32767])
        #expect(frame.samples(channel: 1) == [-1000, -2, -32768])
        #expect(frame.interleaved == [1000, -1000, 2, -2, 32767, -32768])
    }

    @Test func f32leMonoRoundTrips() {
        let frame = AudioFrame<F32LE>(interleaved: [0.5, -1, 0.25], rate: 8_000, channels: 1)
        #expect(frame.buffer.byteArray.prefix(4) == [0x00, 0x00, 0x00, 0x3F])
        #expect(frame.samples(channel: 0) == [0.5, -1, 0.25])
        #expect(frame.info == AudioInfo(format: .f32le, rate: 8_000, channels: 1))
    }

    @Test func aPartialLastFrameIsLeftOut() {
        let frame = AudioFrame<S16LE>(interleaved: [1, 2, 3], rate: 8_000, channels: 2)
        #expect(frame.samplesPerChannel == 1)
        #expect(frame.buffer.length == 4)
    }

    @Test func viewsOnlyBuffersOfItsFormatHoldingWholeFrames() {
        let stereo = AudioInfo(format: .s16le, rate: 48_000, channels: 2)
        #expect(
            AudioFrame<S16LE>(buffer: Buffer(copying: [0, 0, 0, 0, 0, 0, 0, 0]), info: stereo)?.samplesPerChannel == 2)
        #expect(AudioFrame<S16LE>(buffer: Buffer(copying: [0, 0, 0, 0, 0, 0]), info: stereo) == nil)
        #expect(AudioFrame<F32LE>(buffer: Buffer(copying: [0, 0, 0, 0, 0, 0, 0, 0]), info: stereo) == nil)
    }
}
