import Foundation
import Parallax
import ParallaxTesting
import Testing

/// audioresample: a sine measured for frequency, level and aliasing after resampling; caps and timing.
@Suite struct AudioResampleTests {
    static func caps(_ format: String, _ rate: Int, _ channels: Int = 1) throws -> Caps {
        try Caps(parsing: "audio/x-raw,format=\(format),rate=\(rate),channels=\(channels),layout=interleaved")
    }

    /// Resamples `seconds` of a sine of `frequency` Hz and amplitude 0.5 (F32LE mono), pushed in buffers of
    /// 1024 frames, and returns the output samples.
    static func resample(
        frequency: Double, from inRate: Int, to outRate: Int, seconds: Double = 0.5, method: AudioResample.Method = .kaiser
    ) throws -> [Float] {
        var element = AudioResample()
        element.method = method
        let harness = try ElementHarness(element, inputCaps: caps("F32LE", inRate), outputCaps: caps("F32LE", outRate))
        let total = Int(seconds * Double(inRate))
        var output: [Float] = []
        var start = 0
        while start < total {
            let count = min(1024, total - start)
            let samples = (start..<(start + count)).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / Double(inRate))) }
            try harness.push(Buffer(copying: samples.withUnsafeBytes { Array($0) }))
            while let buffer = harness.pull() {
                buffer.withUnsafeBytes { output += $0.bindMemory(to: Float.self) }
            }
            start += count
        }
        try harness.pushEvent(.eos)  // the tail the filter still holds comes out at end of stream
        while let buffer = harness.pull() {
            buffer.withUnsafeBytes { output += $0.bindMemory(to: Float.self) }
        }
        try harness.finish()
        return output
    }

    /// The root mean square of the samples after the first `skip`.
    static func rms(_ samples: [Float], skip: Int = 500) -> Double {
        let tail = samples.dropFirst(skip)
        return (tail.reduce(0) { $0 + Double($1) * Double($1) } / Double(tail.count)).squareRoot()
    }

    /// The frequency from rising zero crossings (linearly interpolated) after the first `skip` samples.
    static func frequency(_ samples: [Float], rate: Int, skip: Int = 500) -> Double {
        var crossings: [Double] = []
        for i in (skip + 1)..<samples.count where samples[i - 1] < 0 && samples[i] >= 0 {
            let a = Double(samples[i - 1]), b = Double(samples[i])
            crossings.append(Double(i - 1) + a / (a - b))
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) / ((last - first) / Double(rate))
    }

    @Test(arguments: [(48000, 44100), (44100, 48000), (48000, 16000), (8000, 44100)])
    func keepsFrequencyAndLevel(_ rates: (Int, Int)) throws {
        let out = try Self.resample(frequency: 1000, from: rates.0, to: rates.1)
        #expect(abs(Self.frequency(out, rate: rates.1) - 1000) < 0.2)
        #expect(abs(Self.rms(out) - 0.5 / 2.0.squareRoot()) < 0.002)
        // All input frames become output frames, less the filter's look-ahead at the end: under 45 frames at the
        // lower rate (the filter is longer in input frames when it must cut below the input's Nyquist frequency).
        let expected = Int(0.5 * Double(rates.1))
        let lookahead = 45 * max(1, rates.1 / rates.0)
        #expect(out.count <= expected && out.count > expected - lookahead)
    }

    @Test(arguments: [(48000, 44100, 0.5), (48000, 44100, 0.149), (44100, 48000, 0.3), (48000, 16000, 0.2)])
    func theOutputIsAsLongAsTheInputIncludingTheFiltersTail(_ inRate: Int, _ outRate: Int, _ seconds: Double) throws {
        let output = try Self.resample(frequency: 440, from: inRate, to: outRate, seconds: seconds)
        let inputFrames = Int(seconds * Double(inRate))
        #expect(output.count == (inputFrames * outRate + inRate / 2) / inRate)
        // The last samples are the sine's, not silence: what the filter held at EOS was sent.
        #expect(Self.rms(Array(output.suffix(40)), skip: 0) > 0.2)
    }

    @Test func removesWhatTheOutputRateCannotHold() throws {
        // 23 kHz is above 44.1 kHz's Nyquist frequency: dropping samples would fold it to 21.1 kHz at full level.
        // The last 500 outputs are left out as the first 500 are: the sine's abrupt end is broadband.
        let filtered = try Self.resample(frequency: 23000, from: 48000, to: 44100).dropLast(500)
        #expect(Self.rms(Array(filtered)) < 0.5 / 2.0.squareRoot() * 0.001)  // below -60 dB
        let nearest = try Self.resample(frequency: 23000, from: 48000, to: 44100, method: .nearest)
        #expect(Self.rms(nearest) > 0.3)  // folded back at nearly full level, as sample dropping does
    }

    @Test func keepsThePassBand() throws {
        let out = try Self.resample(frequency: 18000, from: 48000, to: 44100)
        #expect(abs(Self.frequency(out, rate: 44100) - 18000) < 1)
        let gain = Self.rms(out) / (0.5 / 2.0.squareRoot())
        #expect(abs(20 * log10(gain)) < 0.1)
    }

    @Test func stampsOutputFromTheFirstInputTime() throws {
        let harness = try ElementHarness(AudioResample(), inputCaps: Self.caps("S16LE", 48000, 2),
                                         outputCaps: Self.caps("S16LE", 44100, 2))
        var next: ClockTime?
        var frames = 0
        for index in 0..<8 {
            var buffer = Buffer(copying: [UInt8](repeating: 0, count: 4 * 1024))
            buffer.metadata.pts = ClockTime(nanoseconds: 1_000_000_000 + UInt64(index) * 21_333_333)
            try harness.push(buffer)
            while let out = harness.pull() {
                if let next { #expect(out.pts == next) } else { #expect(out.pts == ClockTime(nanoseconds: 1_000_000_000)) }
                next = out.pts.flatMap { pts in out.duration.map { pts + $0 } }
                #expect(out.metadata.offset == UInt64(frames))
                frames += out.length / 4
            }
        }
        #expect(frames > 8 * 1024 * 441 / 480 - 100)
        try harness.pushEvent(.eos)
        while let out = harness.pull() {
            #expect(out.pts == next)
            next = out.pts.flatMap { pts in out.duration.map { pts + $0 } }
            #expect(out.metadata.offset == UInt64(frames))
            frames += out.length / 4
        }
        #expect(frames == 8 * 1024 * 441 / 480)
        try harness.finish()
    }

    @Test func equalRatesCopy() throws {
        let harness = try ElementHarness(AudioResample(), inputCaps: Self.caps("S16LE", 48000))
        #expect(try harness.outputCaps == Self.caps("S16LE", 48000))
        let input = Buffer(copying: (0..<64).map { UInt8($0) })
        try harness.push(input)
        #expect(harness.pull()?.byteArray == (0..<64).map { UInt8($0) })
        try harness.finish()
    }

    @Test func transformCapsFreesOnlyTheRate() throws {
        let other = AudioResample().transformCaps(try Self.caps("S16LE", 48000, 2), from: .sink)
        let s = try #require(other.structures.first)
        #expect(s.string("format") == "S16LE")
        #expect(s.int("channels") == 2)
        #expect(s["rate"] == .intRange(1...Int(Int32.max), step: 1))
        #expect(AudioResample().transformCaps(try Caps(parsing: "video/x-raw"), from: .sink).isEmpty)
    }

    @Test func propertiesMatchGStreamer() throws {
        let info = AudioResample.info
        #expect(info.property(named: "quality")?.defaultValue == .int(4))
        #expect(info.property(named: "resample-method")?.defaultValue == .enumeration("kaiser"))
        #expect(info.klass == "Filter/Converter/Audio")
        #expect(AudioResample.conversionCost == ConversionCost.copy + ConversionCost.resampling)
    }
}
