import Parallax
import ParallaxTesting
import Testing

/// audioconvert: sample formats, mono ↔ stereo, dithering, caps.
@Suite struct AudioConvertTests {
    static func caps(_ format: String, _ channels: Int, rate: Int = 48000) throws -> Caps {
        try Caps(parsing: "audio/x-raw,format=\(format),rate=\(rate),channels=\(channels),layout=interleaved")
    }

    static func bytes<T>(_ values: [T]) -> Buffer { Buffer(copying: values.withUnsafeBytes { Array($0) }) }

    static func values<T>(_ buffer: Buffer?, as: T.Type) -> [T] {
        buffer?.withUnsafeBytes { Array($0.bindMemory(to: T.self)) } ?? []
    }

    static func convert<In, Out>(
        _ input: [In], from: Caps, to: Caps, as: Out.Type, dithering: AudioConvert.Dithering = .none
    ) throws -> [Out] {
        var element = AudioConvert()
        element.dithering = dithering
        let harness = try ElementHarness(element, inputCaps: from, outputCaps: to)
        try harness.push(bytes(input))
        let out = values(harness.pull(), as: Out.self)
        try harness.finish()
        return out
    }

    @Test func s16ToF32IsExact() throws {
        let out = try Self.convert([Int16.min, -1, 0, 1, 16384, Int16.max, 7, -7, 100],
                                   from: Self.caps("S16LE", 1), to: Self.caps("F32LE", 1), as: Float.self)
        let expected: [Float] = [-32768, -1, 0, 1, 16384, 32767, 7, -7, 100].map { $0 / 32768 }
        #expect(out == expected)
    }

    @Test func s16BigEndianIsTheSameSamplesSwapped() throws {
        let samples: [Int16] = [Int16.min, -1, 0, 1, 258, Int16.max, 7, -7, 100, 12345]
        let big = try Self.convert(samples, from: Self.caps("S16LE", 2), to: Self.caps("S16BE", 2), as: Int16.self)
        #expect(big == samples.map(\.bigEndian))
        let back = try Self.convert(big, from: Self.caps("S16BE", 2), to: Self.caps("F32LE", 2), as: Float.self)
        #expect(back == samples.map { Float($0) / 32768 })
    }

    @Test func s16WidensToPackedS24ExactlyAndBack() throws {
        let samples: [Int16] = [Int16.min, -1, 0, 1, 258, Int16.max]
        let packed = try Self.convert(samples, from: Self.caps("S16LE", 1), to: Self.caps("S24LE", 1), as: UInt8.self)
        #expect(packed == samples.flatMap { value -> [UInt8] in
            let wide = Int32(value) << 8
            return [0, 8, 16].map { UInt8(truncatingIfNeeded: wide >> $0) }
        })
        let big = try Self.convert(packed, from: Self.caps("S24LE", 1), to: Self.caps("S24BE", 1), as: UInt8.self)
        #expect(big == stride(from: 0, to: packed.count, by: 3).flatMap { packed[$0..<$0 + 3].reversed() })
        let back = try Self.convert(big, from: Self.caps("S24BE", 1), to: Self.caps("S16LE", 1), as: Int16.self)
        #expect(back == samples)
    }

    @Test func narrowingIntegersRoundsHalfUpAndSaturatesAsGStreamer() throws {
        // S24 → S16 drops 8 bits: 0x7F rounds down, 0x80 (a half) up, and the top saturates.
        let values: [Int32] = [0x0000_7F, 0x0000_80, -0x0000_80, -0x0000_81, 0x7F_FF80, -0x80_0000]
        let packed = values.flatMap { v in [0, 8, 16].map { UInt8(truncatingIfNeeded: v >> $0) } }
        let out = try Self.convert(packed, from: Self.caps("S24LE", 1), to: Self.caps("S16LE", 1), as: Int16.self)
        #expect(out == [0, 1, 0, -1, 32767, -32768])
        let u8 = try Self.convert([Int16(-32768), -129, -128, 0, 127, 32767],
                                  from: Self.caps("S16LE", 1), to: Self.caps("U8", 1), as: UInt8.self)
        #expect(u8 == [0, 127, 128, 128, 128, 255])
    }

    @Test func bigEndianFloatsAndIntegersAreTheSameSamplesSwapped() throws {
        let samples: [Float] = [0.5, -0.25, 0.375, 0, -1, 1]
        let f32 = try Self.convert(samples, from: Self.caps("F32LE", 1), to: Self.caps("F32BE", 1), as: UInt32.self)
        #expect(f32 == samples.map { $0.bitPattern.bigEndian })
        let f64 = try Self.convert(samples, from: Self.caps("F32LE", 1), to: Self.caps("F64BE", 1), as: UInt64.self)
        #expect(f64 == samples.map { Double($0).bitPattern.bigEndian })
        let s32 = try Self.convert(samples, from: Self.caps("F32LE", 1), to: Self.caps("S32BE", 1), as: Int32.self)
        #expect(s32.map { Int32(bigEndian: $0) } == [1 << 30, -(1 << 29), 805_306_368, 0, Int32.min, Int32.max])
    }

    @Test func f32ToS16RoundsAndClampsWithoutDither() throws {
        let input: [Float] = [0.5, -0.5, 1.5, -2, 0.25 / 32768, 0.75 / 32768, 0, 1, -1]
        let out = try Self.convert(input, from: Self.caps("F32LE", 1), to: Self.caps("S16LE", 1), as: Int16.self)
        #expect(out == [16384, -16384, 32767, -32768, 0, 1, 0, 32767, -32768])
    }

    @Test func triangularDitherStaysWithinOneStep() throws {
        let input = (0..<4096).map { Float($0 % 200 - 100) / 32768 + 0.3 / 32768 }
        let out = try Self.convert(input, from: Self.caps("F32LE", 1), to: Self.caps("S16LE", 1), as: Int16.self,
                                   dithering: .tpdf)
        let errors = zip(input, out).map { Double($1) - Double($0) * 32768 }
        #expect(errors.allSatisfy { abs($0) <= 1.5 })
        let mean = errors.reduce(0, +) / Double(errors.count)
        #expect(abs(mean) < 0.05)  // unbiased: 0.3 LSB above each step is not always rounded down
        // A constant input comes out as several values with dither, one without.
        let constant = [Float](repeating: 0.3 / 32768, count: 1024)
        let dithered = try Self.convert(constant, from: Self.caps("F32LE", 1), to: Self.caps("S16LE", 1), as: Int16.self,
                                        dithering: .tpdf)
        #expect(Set(dithered).count > 1)
        let plain = try Self.convert(constant, from: Self.caps("F32LE", 1), to: Self.caps("S16LE", 1), as: Int16.self)
        #expect(Set(plain) == [0])
    }

    @Test func monoBecomesStereoAndStereoMono() throws {
        let stereo = try Self.convert([Int16(100), -200, 300], from: Self.caps("S16LE", 1), to: Self.caps("S16LE", 2),
                                      as: Int16.self)
        #expect(stereo == [100, 100, -200, -200, 300, 300])
        let mono = try Self.convert((0..<10).map { Float($0) / 16 }, from: Self.caps("F32LE", 2), to: Self.caps("F32LE", 1),
                                    as: Float.self)
        #expect(mono == [0.5, 2.5, 4.5, 6.5, 8.5].map { $0 / 16 })
    }

    @Test func formatAndChannelsTogether() throws {
        let out = try Self.convert([Float(0.25), 0.75], from: Self.caps("F32LE", 2), to: Self.caps("S32LE", 1),
                                   as: Int32.self)
        #expect(out == [1 << 30])
    }

    @Test func transformCapsFreesFormatAndMixesMonoAndStereo() throws {
        let other = AudioConvert().transformCaps(try Self.caps("S16LE", 1), from: .sink)
        let s = try #require(other.structures.first)
        let formats = ["S16LE", "F32LE", "F64LE", "S32LE", "S24LE", "S16BE", "S32BE", "S24BE", "F32BE", "F64BE", "S8", "U8"]
        #expect(s["format"] == .list(formats.map { .string($0) }))
        #expect(s["channels"] == .list([.int(1), .int(2)]))
        #expect(s.int("rate") == 48000)
        let six = AudioConvert().transformCaps(try Self.caps("F32LE", 6), from: .src)
        #expect(six.structures.first?.int("channels") == 6)
    }

    @Test func refusesToChangeTheRate() throws {
        #expect(throws: HarnessError.self) {
            _ = try ElementHarness(AudioConvert(), inputCaps: Self.caps("S16LE", 1), outputCaps: Self.caps("S16LE", 1, rate: 44100))
        }
    }

    @Test func propertiesMatchGStreamer() {
        let info = AudioConvert.info
        #expect(info.property(named: "dithering")?.defaultValue == .enumeration("tpdf"))
        #expect(info.property(named: "dithering-threshold")?.defaultValue == .uint(20))
        #expect(info.klass == "Filter/Converter/Audio")
    }
}
