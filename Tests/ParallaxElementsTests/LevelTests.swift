import Foundation
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct LevelTests {
    /// `frames` frames of a sine of `amplitude` at 1 kHz, 48 kHz, F32LE, on every one of `channels` channels.
    static func sine(frames: Int, amplitude: Float, channels: Int = 1) -> Buffer {
        var samples: [Float] = []
        for i in 0..<frames {
            let value = amplitude * Float(sin(2 * Double.pi * 1000 * Double(i) / 48000))
            samples += Array(repeating: value, count: channels)
        }
        return Buffer(copying: samples.withUnsafeBytes { Array($0) })
    }

    static func doubles(_ message: CapsStructure, _ field: String) -> [Double] {
        guard case .list(let items)? = message[field] else { return [] }
        return items.compactMap { if case .double(let d) = $0 { d } else { nil } }
    }

    @Test func aFullScaleSineIsMinusThreeDecibelsRmsAndZeroPeak() throws {
        let harness = try ElementHarness(Level(), inputCaps: AudioInfo(format: .f32le, rate: 48000, channels: 2).caps)
        var buffer = Self.sine(frames: 4800, amplitude: 1, channels: 2)
        buffer.metadata.pts = .zero
        #expect(try harness.push(buffer) == .ok)
        _ = harness.pull()
        try harness.finish()
        let message = try #require(harness.postedMessages.first)
        #expect(harness.postedMessages.count == 1)
        #expect(message.name == "level")
        for rms in Self.doubles(message, "rms") { #expect(Swift.abs(rms - -3.0103) < 0.001) }
        for peak in Self.doubles(message, "peak") { #expect(Swift.abs(peak) < 0.001) }
        #expect(Self.doubles(message, "rms").count == 2)
        #expect(message["duration"] == .int(100_000_000) && message["endtime"] == .int(100_000_000))
        #expect(message["timestamp"] == .int(0) && message["running-time"] == .int(0))
    }

    @Test func halfAmplitudeIsSixDecibelsDown() throws {
        let harness = try ElementHarness(Level(), inputCaps: AudioInfo(format: .f32le, rate: 48000, channels: 1).caps)
        try harness.push(Self.sine(frames: 4800, amplitude: 0.5))
        _ = harness.pull()
        try harness.finish()
        let message = try #require(harness.postedMessages.first)
        #expect(Swift.abs(Self.doubles(message, "rms")[0] - (-3.0103 - 6.0206)) < 0.001)
        #expect(Swift.abs(Self.doubles(message, "peak")[0] - -6.0206) < 0.001)
    }

    /// 250 ms in one buffer at a 100 ms interval: two messages, stamped at the intervals' starts; the last
    /// 50 ms wait for more. Stream and running time follow the segment.
    @Test func postsOneMessagePerIntervalWithTimesThroughTheSegment() throws {
        let harness = try ElementHarness(Level(), inputCaps: AudioInfo(format: .f32le, rate: 48000, channels: 1).caps)
        try harness.pushEvent(.segment(Segment(start: .seconds(1), base: .seconds(10), time: .seconds(100))))
        var buffer = Self.sine(frames: 12000, amplitude: 1)
        buffer.metadata.pts = .seconds(2)
        try harness.push(buffer)
        _ = harness.pull()
        try harness.finish()
        let messages = harness.postedMessages
        #expect(messages.map { $0["timestamp"] } == [.int(2_000_000_000), .int(2_100_000_000)])
        #expect(messages.map { $0["stream-time"] } == [.int(101_000_000_000), .int(101_100_000_000)])
        #expect(messages.map { $0["running-time"] } == [.int(11_000_000_000), .int(11_100_000_000)])
        #expect(messages.map { $0["endtime"] } == [.int(2_100_000_000), .int(2_200_000_000)])
    }

    /// A loud interval, then silence: the decaying peak holds for `peak-ttl`, then falls `peak-falloff` dB/s.
    @Test func theDecayingPeakHoldsThenFalls() throws {
        var level = Level()
        level.peakTTL = 100_000_000
        level.peakFalloff = 20
        let harness = try ElementHarness(level, inputCaps: AudioInfo(format: .f32le, rate: 48000, channels: 1).caps)
        try harness.push(Self.sine(frames: 4800, amplitude: 1))
        let silence = Buffer(copying: [UInt8](repeating: 0, count: 4800 * 4))
        for _ in 0..<4 { try harness.push(silence) }
        _ = harness.pullAll()
        try harness.finish()
        let decays = harness.postedMessages.map { Self.doubles($0, "decay")[0] }
        let peaks = harness.postedMessages.map { Self.doubles($0, "peak")[0] }
        #expect(peaks.count == 5 && peaks.dropFirst().allSatisfy { $0 < -300 })
        // Ages at each silent interval: 100 ms (held), 200 ms (100 ms past the ttl), 300 ms, 400 ms. GStreamer
        // scales the peak's power by 10^(−dB/20), so 20 dB/s shows as 1 dB per 100 ms.
        let expected = [0, 0, -1, -2, -3.0]
        for (decay, want) in zip(decays, expected) { #expect(Swift.abs(decay - want) < 0.01, "\(decays)") }
    }

    @Test func postMessagesFalsePostsNothing() throws {
        var level = Level()
        level.postMessages = false
        let harness = try ElementHarness(level, inputCaps: AudioInfo(format: .f32le, rate: 48000, channels: 1).caps)
        try harness.push(Self.sine(frames: 9600, amplitude: 1))
        _ = harness.pull()
        try harness.finish()
        #expect(harness.postedMessages.isEmpty)
    }

    @Test func aBufferOfPartFramesIsAnError() throws {
        let harness = try ElementHarness(Level(), inputCaps: AudioInfo(format: .s16le, rate: 48000, channels: 2).caps)
        #expect(throws: ElementError("level: a buffer of 6 bytes is not a whole number of 4-byte frames.")) {
            try harness.push(Buffer(copying: [1, 2, 3, 4, 5, 6]))
        }
        harness.stop()
    }

    /// GStreamer measures the same S16 input (`gst-launch-1.0 -m … ! level ! fakesink`): every rms, peak and
    /// decay agrees to 1e-6 dB, and the timestamps match.
    @Test func matchesGStreamersMessages() throws {
        guard GStreamerTool.path != nil else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let gst = try GStreamerTool()
        defer { gst.remove() }
        let result = try gst.run([
            "-m", "audiotestsrc", "num-buffers=5", "samplesperbuffer=2205", "wave=sine", "volume=0.7", "!",
            "audio/x-raw,format=S16LE,rate=44100,channels=2", "!", "tee", "name=t", "t.", "!", "queue", "!",
            "filesink", "location=\(gst.file("in.raw"))", "t.", "!", "queue", "!", "level", "!", "fakesink",
        ])
        #expect(result.status == 0)
        // GStreamer's messages; its last one is the partial interval it posts at end of stream.
        let lines = result.output.split(separator: "\n").filter { $0.contains("(element): level,") }
        let theirs = lines.map { line -> (timestamp: Int, values: [Double]) in
            let timestamp = Int(line.firstMatch(of: /timestamp=\(guint64\)(\d+)/)!.1)!
            let values = line.matches(of: /< ([^>]*) >/).flatMap {
                $0.1.split(separator: ", ").map { Double($0) ?? .nan }
            }
            return (timestamp, values)
        }
        let input = try gst.bytes("in.raw")
        let harness = try ElementHarness(Level(), inputCaps: AudioInfo(format: .s16le, rate: 44100, channels: 2).caps)
        for i in 0..<5 {
            var buffer = Buffer(copying: input[(i * 2205 * 4)..<((i + 1) * 2205 * 4)])
            buffer.metadata.pts = ClockTime(nanoseconds: UInt64(i) * 50_000_000)
            try harness.push(buffer)
        }
        _ = harness.pullAll()
        try harness.finish()
        let mine = harness.postedMessages.map { message -> (timestamp: Int, values: [Double]) in
            guard case .int(let timestamp)? = message["timestamp"] else { return (-1, []) }
            return (timestamp, ["rms", "peak", "decay"].flatMap { Self.doubles(message, $0) })
        }
        #expect(mine.count == 2 && theirs.count == 3)
        for (a, b) in zip(mine, theirs) {
            #expect(a.timestamp == b.timestamp)
            #expect(a.values.count == b.values.count)
            for (x, y) in zip(a.values, b.values) { #expect(Swift.abs(x - y) < 1e-6, "\(a.values) vs \(b.values)") }
        }
    }
}
