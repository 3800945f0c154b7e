import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

/// Expected samples come from GStreamer 1.22 (`gst-launch-1.0 audiotestsrc … ! audio/x-raw,format=… !
/// filesink`); the deterministic waves are bit-identical.
@Suite struct AudioTestSourceTests {
    func buffers(
        _ wave: AudioTestSource.Wave, format: AudioSampleFormat = .s16le, channels: Int = 1, count: Int = 1,
        configure: (inout AudioTestSource) -> Void = { _ in }
    ) throws -> [Buffer] {
        var source = AudioTestSource()
        source.wave = wave
        source.numBuffers = count
        configure(&source)
        let caps = AudioInfo(format: format, rate: 44100, channels: channels).caps
        let harness = try ElementHarness(source, outputCaps: caps)
        let buffers = try harness.produceAll()
        try harness.finish()
        return buffers
    }

    func int16s(_ buffer: Buffer) -> [Int16] {
        buffer.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    @Test func negotiatesGStreamersDefaults() throws {
        let harness = try ElementHarness(AudioTestSource())
        #expect(harness.outputCaps == AudioInfo(format: .s16le, rate: 44100, channels: 1).caps)
        try harness.finish()
        var high = AudioTestSource()
        high.frequency = 30000
        let highHarness = try ElementHarness(high)
        #expect(highHarness.outputCaps == AudioInfo(format: .s16le, rate: 60000, channels: 1).caps)
        try highHarness.finish()
    }

    @Test func sineStartsAndCrossesZeroWhereGStreamersDoes() throws {
        let samples = int16s(try #require(try buffers(.sine).first))
        #expect(samples.count == 1024)
        #expect(Array(samples.prefix(4)) == [1642, 3278, 4900, 6504])
        let crossings = (1..<samples.count).filter { (samples[$0 - 1] < 0) != (samples[$0] < 0) }
        #expect(crossings == [50, 100, 150, 200, 250, 300, 350, 400, 451, 501, 551, 601, 651, 701, 751, 801, 851, 902,
                              952, 1002])
    }

    @Test func channelsAreInterleavedCopies() throws {
        let samples = int16s(try #require(try buffers(.sine, channels: 2).first))
        #expect(samples.count == 2048)
        #expect(Array(samples.prefix(4)) == [1642, 1642, 3278, 3278])
    }

    @Test func floatSamples() throws {
        let buffer = try #require(try buffers(.sine, format: .f32le).first)
        let samples = buffer.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(Array(samples.prefix(2)) == [0.05011865869164467, 0.10004042088985443])
    }

    @Test func squareIsFullVolumeBothWays() throws {
        let samples = int16s(try #require(try buffers(.square).first))
        #expect(Set(samples) == [26213, -26213])
        #expect(samples[0] == 26213)
    }

    @Test func silenceIsZerosMarkedAsGap() throws {
        let buffer = try #require(try buffers(.silence).first)
        #expect(buffer.byteArray.allSatisfy { $0 == 0 })
        #expect(buffer.flags.contains(.gap))
        #expect(!(try #require(try buffers(.sine).first)).flags.contains(.gap))
    }

    @Test func whiteNoiseDiffersBetweenBuffersWithinVolume() throws {
        let noise = try buffers(.whiteNoise, count: 2)
        let first = int16s(noise[0]), second = int16s(noise[1])
        #expect(first != second)
        #expect(first.allSatisfy { abs(Int($0)) <= 26214 })
        #expect(Set(first).count > 500)
    }

    @Test func numBuffersTimestampsAndOffsets() throws {
        let audio = try buffers(.sine, count: 3) { $0.timestampOffset = 1_000 }
        #expect(audio.count == 3)
        #expect(audio.map(\.metadata.offset) == [0, 1024, 2048])
        #expect(audio.map(\.metadata.offsetEnd) == [1024, 2048, 3072])
        let times = [0, 1024, 2048, 3072].map { ClockTime.scale(UInt64($0), 1_000_000_000, 44100) }
        #expect(audio.map(\.pts) == (0..<3).map { times[$0] + ClockTime(nanoseconds: 1_000) })
        #expect(audio.map(\.duration) == (0..<3).map { times[$0 + 1] - times[$0] })
        #expect(audio.map { $0.flags.contains(.discont) } == [true, false, false])
    }

    @Test func samplesPerBufferSetsTheBufferLength() throws {
        let audio = try buffers(.sine, format: .s32le, channels: 2) { $0.samplesPerBuffer = 100 }
        #expect(audio.first?.length == 100 * 2 * 4)
    }

    @Test func waveNicksAndValuesAreGStreamers() throws {
        guard case .enumeration(let name, let cases)? = AudioTestSource.info.property(named: "wave")?.type else {
            Issue.record("wave is not an enumeration")
            return
        }
        #expect(name == "GstAudioTestSrcWave")
        #expect(cases.map(\.nick) == [
            "sine", "square", "saw", "triangle", "silence", "white-noise", "pink-noise", "sine-table", "ticks",
            "gaussian-noise", "red-noise", "blue-noise", "violet-noise",
        ])
        #expect(cases.map(\.value) == Array(0...12))
        let info = AudioTestSource.info
        #expect(info.property(named: "freq")?.defaultValue == .double(440))
        #expect(info.property(named: "volume")?.defaultValue == .double(0.8))
        #expect(info.property(named: "samplesperbuffer")?.defaultValue == .int(1024))
    }
}
