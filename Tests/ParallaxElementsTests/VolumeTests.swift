import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VolumeTests {
    static func caps(_ format: AudioSampleFormat, channels: Int = 2) -> Caps {
        AudioInfo(format: format, rate: 48000, channels: channels).caps
    }

    static func run(_ volume: Volume, _ format: AudioSampleFormat, _ bytes: [UInt8]) throws -> [UInt8] {
        let harness = try ElementHarness(volume, inputCaps: caps(format))
        #expect(try harness.push(Buffer(copying: bytes)) == .ok)
        let output = try #require(harness.pull())
        try harness.finish()
        return output.byteArray
    }

    static func int16s(_ bytes: [UInt8]) -> [Int16] { bytes.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) } }

    @Test func halvesAndSaturatesSixteenBitSamplesAsGStreamerDoes() throws {
        let samples: [Int16] = [0, 1, -1, 3, -3, 1000, -1001, 32767, -32768]
        let bytes = samples.withUnsafeBytes { Array($0) }
        var half = Volume()
        half.volume = 0.5
        // The shift floors: −1 / 2 is −1, −3 / 2 is −2.
        #expect(Self.int16s(try Self.run(half, .s16le, bytes)) == [0, 0, -1, 1, -2, 500, -501, 16383, -16384])
        var double = Volume()
        double.volume = 2
        #expect(Self.int16s(try Self.run(double, .s16le, bytes)) == [0, 2, -2, 6, -6, 2000, -2002, 32767, -32768])
    }

    @Test func muteWritesSilence() throws {
        var volume = Volume()
        volume.mute = true
        let input = [Float](repeating: 0.5, count: 8).withUnsafeBytes { Array($0) }
        #expect(try Self.run(volume, .f32le, input) == [UInt8](repeating: 0, count: 32))
    }

    @Test func aBufferOfPartSamplesIsAnError() throws {
        let harness = try ElementHarness(Volume(), inputCaps: Self.caps(.s32le))
        #expect(throws: ElementError("volume: a buffer of 6 bytes is not a whole number of S32LE samples.")) {
            try harness.push(Buffer(copying: [1, 2, 3, 4, 5, 6]))
        }
        harness.stop()
    }

    @Test func unsignedAudioIsRefused() throws {
        #expect(
            throws: ElementError(
                "volume cannot scale audio/x-raw, format=(string)U8, layout=(string)interleaved, rate=(int)48000, channels=(int)2: it takes S16LE, S32LE, F32LE or F64LE audio."
            )
        ) {
            var volume = Volume()
            try volume.setCaps(input: AudioInfo(format: .u8, rate: 48000, channels: 2).caps, output: nil)
        }
    }

    /// GStreamer scales the same sine; the bytes must agree (integer samples within ±1, floats exactly).
    @Test(arguments: [
        ("S16LE", 0.5), ("S16LE", 0.35), ("S16LE", 2.0), ("S16LE", 7.3), ("S32LE", 0.3), ("S32LE", 3.7),
        ("F32LE", 0.5), ("F32LE", 9.0), ("F64LE", 0.25),
    ])
    func matchesGStreamer(_ formatName: String, _ factor: Double) throws {
        guard GStreamerTool.path != nil else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let gst = try GStreamerTool()
        defer { gst.remove() }
        let caps = "audio/x-raw,format=\(formatName),rate=48000,channels=2"
        let result = try gst.run([
            "-q", "audiotestsrc", "num-buffers=3", "samplesperbuffer=1000", "volume=0.9", "!", caps, "!", "tee",
            "name=t", "t.", "!", "queue", "!", "filesink", "location=\(gst.file("in.raw"))", "t.", "!", "queue", "!",
            "volume", "volume=\(factor)", "!", "filesink", "location=\(gst.file("out.raw"))",
        ])
        #expect(result.status == 0)
        let format = try #require(AudioSampleFormat(rawValue: formatName))
        var volume = Volume()
        volume.volume = factor
        let input = try gst.bytes("in.raw"), expected = try gst.bytes("out.raw")
        let output = try Self.run(volume, format, input)
        #expect(output.count == expected.count && expected.count == 3 * 1000 * 2 * format.bytesPerSample)
        var worst = 0.0
        output.withUnsafeBytes { mine in
            expected.withUnsafeBytes { theirs in
                for i in 0..<(Swift.min(mine.count, theirs.count) / format.bytesPerSample) {
                    let a: Double, b: Double
                    switch format {
                    case .s16le:
                        (a, b) = (
                            Double(mine.load(fromByteOffset: 2 * i, as: Int16.self)),
                            Double(theirs.load(fromByteOffset: 2 * i, as: Int16.self))
                        )
                    case .s32le:
                        (a, b) = (
                            Double(mine.load(fromByteOffset: 4 * i, as: Int32.self)),
                            Double(theirs.load(fromByteOffset: 4 * i, as: Int32.self))
                        )
                    case .f32le:
                        (a, b) = (
                            Double(mine.load(fromByteOffset: 4 * i, as: Float.self)),
                            Double(theirs.load(fromByteOffset: 4 * i, as: Float.self))
                        )
                    default:
                        (a, b) = (
                            mine.load(fromByteOffset: 8 * i, as: Double.self),
                            theirs.load(fromByteOffset: 8 * i, as: Double.self)
                        )
                    }
                    worst = Swift.max(worst, Swift.abs(a - b))
                }
            }
        }
        #expect(worst <= (format == .s16le || format == .s32le ? 1 : 0), "largest difference \(worst)")
    }
}
