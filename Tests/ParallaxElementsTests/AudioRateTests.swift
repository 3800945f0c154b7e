import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

/// Mono S16LE at 1 kHz: one frame per millisecond, so sample positions read as milliseconds.
@Suite struct AudioRateTests {
    static let caps = AudioInfo(format: .s16le, rate: 1000, channels: 1).caps

    /// `frames` samples valued `value`, stamped at `milliseconds`.
    static func buffer(at milliseconds: UInt64, frames: Int, value: Int16 = 7) -> Buffer {
        var buffer = Buffer(copying: [Int16](repeating: value, count: frames).withUnsafeBytes { Array($0) })
        buffer.metadata.pts = .milliseconds(milliseconds)
        buffer.metadata.duration = .milliseconds(UInt64(frames))
        return buffer
    }

    static func samples(_ buffer: Buffer) -> [Int16] {
        buffer.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
    }

    static func harness(tolerance: UInt64 = 0, skipToFirst: Bool = false) throws -> ElementHarness<AudioRate> {
        var rate = AudioRate()
        rate.tolerance = tolerance
        rate.skipToFirst = skipToFirst
        return try ElementHarness(rate, inputCaps: caps)
    }

    @Test func fillsAGapWithSilence() throws {
        let harness = try Self.harness()
        try harness.push(Self.buffer(at: 0, frames: 100))
        #expect(try harness.push(Self.buffer(at: 250, frames: 100)) == .ok)
        let outputs = harness.pullAll()
        try harness.finish()
        // 150 ms of silence, cut to the 200-byte size of an output.
        #expect(outputs.map { $0.metadata.pts } == [.zero, .milliseconds(100), .milliseconds(200), .milliseconds(250)])
        #expect(outputs.map { $0.metadata.offset } == [0, 100, 200, 250])
        #expect(outputs.map { $0.metadata.offsetEnd } == [100, 200, 250, 350])
        #expect(
            outputs.map { $0.metadata.duration } == [
                .milliseconds(100), .milliseconds(100), .milliseconds(50), .milliseconds(100),
            ])
        #expect(Self.samples(outputs[1]) == [Int16](repeating: 0, count: 100))
        #expect(Self.samples(outputs[2]) == [Int16](repeating: 0, count: 50))
        #expect(Self.samples(outputs[3]) == [Int16](repeating: 7, count: 100))
        let rate = harness.element
        #expect((rate.inputSamples, rate.outputSamples, rate.addedSamples, rate.droppedSamples) == (200, 350, 150, 0))
    }

    @Test func dropsTheOverlappingHeadOfABuffer() throws {
        let harness = try Self.harness()
        try harness.push(Self.buffer(at: 0, frames: 100, value: 1))
        try harness.push(Self.buffer(at: 60, frames: 100, value: 2))
        let outputs = harness.pullAll()
        try harness.finish()
        #expect(outputs.map { $0.metadata.pts } == [.zero, .milliseconds(100)])
        #expect(Self.samples(outputs[1]) == [Int16](repeating: 2, count: 60))
        #expect(outputs[1].metadata.offset == 100 && outputs[1].metadata.offsetEnd == 160)
        #expect(harness.element.droppedSamples == 40)
    }

    @Test func dropsABufferWhollyBeforeThePosition() throws {
        let harness = try Self.harness()
        try harness.push(Self.buffer(at: 0, frames: 100))
        #expect(try harness.push(Self.buffer(at: 20, frames: 50)) == .dropped)
        try harness.push(Self.buffer(at: 100, frames: 10))
        #expect(harness.pullAll().map { $0.metadata.offset } == [0, 100])
        try harness.finish()
        #expect(harness.element.droppedSamples == 50)
    }

    @Test func imperfectionWithinTheToleranceIsRestampedNotFilled() throws {
        let harness = try Self.harness(tolerance: 40_000_000)
        try harness.push(Self.buffer(at: 0, frames: 100))
        try harness.push(Self.buffer(at: 130, frames: 100))  // 30 ms late
        try harness.push(Self.buffer(at: 185, frames: 100))  // 15 ms early
        let outputs = harness.pullAll()
        try harness.finish()
        #expect(outputs.map { $0.metadata.pts } == [.zero, .milliseconds(100), .milliseconds(200)])
        #expect(harness.element.addedSamples == 0 && harness.element.droppedSamples == 0)
    }

    @Test func startsAtTheSegmentStartUnlessSkippingToTheFirstBuffer() throws {
        let filled = try Self.harness()
        try filled.push(Self.buffer(at: 50, frames: 10))
        // 50 ms of silence first, in buffers of the 10-frame output size.
        #expect(
            filled.pullAll().map { $0.metadata.pts } == stride(from: 0, through: 50, by: 10).map { .milliseconds($0) })
        try filled.finish()
        let skipped = try Self.harness(skipToFirst: true)
        try skipped.push(Self.buffer(at: 50, frames: 10))
        #expect(skipped.pullAll().map { $0.metadata.pts } == [.milliseconds(50)])
        try skipped.finish()
    }

    @Test func aBufferOfPartFramesIsAnError() throws {
        let harness = try ElementHarness(
            AudioRate(), inputCaps: AudioInfo(format: .s16le, rate: 1000, channels: 2).caps)
        #expect(throws: ElementError("audiorate: buffer 0 has 6 bytes, not a whole number of 4-byte frames.")) {
            try harness.push(Buffer(copying: [1, 2, 3, 4, 5, 6]))
        }
        harness.stop()
    }
}
