import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VideoRateTests {
    static func info(_ rate: Int) -> VideoInfo {
        VideoInfo(format: .gray8, width: 16, height: 16, framerate: Fraction(rate, 1))
    }

    /// `count` frames at `rate` frames per second from `start`, frame `i` filled with byte `i`.
    static func run(
        _ videorate: VideoRate = VideoRate(), count: Int = 30, from rate: Int = 30, to output: Int,
        start: ClockTime = .zero
    ) throws -> (frames: [Buffer], element: VideoRate) {
        let harness = try ElementHarness(videorate, inputCaps: info(rate).caps, outputCaps: info(output).caps)
        for i in 0..<count {
            var frame = Buffer(copying: [UInt8](repeating: UInt8(i), count: 256))
            frame.metadata.pts = start + ClockTime.scale(UInt64(i), 1_000_000_000, UInt64(rate))
            frame.metadata.duration = ClockTime.scale(1, 1_000_000_000, UInt64(rate))
            try harness.push(frame)
        }
        try harness.pushEvent(.eos)
        let frames = harness.pullAll()
        try harness.finish()
        return (frames, harness.element)
    }

    @Test func thirtyToTenKeepsEveryThirdFrameAndOneAtTheEnd() throws {
        let (frames, element) = try Self.run(to: 10)
        #expect(frames.map { $0.metadata.pts } == (0...10).map { .milliseconds(UInt64($0) * 100) })
        #expect(frames.map { $0.byteArray[0] } == [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 29])
        #expect(frames.allSatisfy { $0.metadata.duration == .milliseconds(100) })
        #expect(frames.map { $0.metadata.offset } == (0...10).map { UInt64($0) })
        #expect(
            (element.inputFrames, element.outputFrames, element.duplicatedFrames, element.droppedFrames) == (
                30, 11, 0, 19
            ))
    }

    @Test func thirtyToSixtyShowsFramesTwice() throws {
        let (frames, element) = try Self.run(to: 60)
        #expect(frames.count == 58)
        // Nanosecond rounding decides the near ties: the slot at 50 ms is 16666667 ns after frame 1 (33333333)
        // and 16666666 ns before frame 2 (66666666), so frame 2 takes it.
        #expect(frames.prefix(6).map { $0.byteArray[0] } == [0, 0, 1, 2, 2, 2])
        #expect(frames.last?.metadata.pts == .milliseconds(950))
        #expect(element.duplicatedFrames == 28 && element.droppedFrames == 0)
    }

    @Test func dropOnlyNeverDuplicates() throws {
        var videorate = VideoRate()
        videorate.dropOnly = true
        let (frames, element) = try Self.run(videorate, to: 60)
        #expect(frames.count == 30 && element.duplicatedFrames == 0)
    }

    @Test func fillsFromTheSegmentStartUnlessSkippingToTheFirstFrame() throws {
        let (filled, _) = try Self.run(count: 3, to: 10, start: .milliseconds(300))
        #expect(filled.map { $0.byteArray[0] } == [0, 0, 0, 0, 2])
        var videorate = VideoRate()
        videorate.skipToFirst = true
        let (skipped, _) = try Self.run(videorate, count: 3, to: 10, start: .milliseconds(300))
        #expect(skipped.map { $0.metadata.pts } == [.milliseconds(300), .milliseconds(400)])
    }

    @Test func theFrameRateIsFreeBothWaysUpToMaxRate() throws {
        var videorate = VideoRate()
        #expect(
            videorate.transformCaps(Self.info(30).caps, from: .sink).structures[0]["framerate"]
                == .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1)))
        videorate.maxRate = 15
        #expect(
            videorate.transformCaps(Self.info(30).caps, from: .sink).structures[0]["framerate"]
                == .fractionRange(Fraction(0, 1)...Fraction(15, 1)))
        let harness = try ElementHarness(videorate, inputCaps: Self.info(30).caps)
        #expect(harness.outputCaps?.structures[0]["framerate"] == .fraction(Fraction(15, 1)))
        try harness.finish()
    }

    /// With a segment stop the last frame fills every slot up to it at end of stream.
    @Test func theLastFrameFillsTheSegmentToItsStop() throws {
        let harness = try ElementHarness(VideoRate(), inputCaps: Self.info(30).caps, outputCaps: Self.info(10).caps)
        try harness.pushEvent(.segment(Segment(stop: .milliseconds(1400))))
        _ = harness.pullEvent()
        for i in 0..<30 {
            var frame = Buffer(copying: [UInt8](repeating: UInt8(i), count: 256))
            frame.metadata.pts = ClockTime.scale(UInt64(i), 1_000_000_000, 30)
            try harness.push(frame)
        }
        try harness.pushEvent(.eos)
        let frames = harness.pullAll()
        try harness.finish()
        #expect(frames.map { $0.metadata.pts } == (0...13).map { .milliseconds(UInt64($0) * 100) })
        #expect(frames.suffix(4).allSatisfy { $0.byteArray[0] == 29 })
    }

    @Test func aVariableOutputRatePassesEveryFrame() throws {
        let (frames, element) = try Self.run(count: 5, to: 0)
        #expect(frames.map { $0.byteArray } == (0..<5).map { [UInt8](repeating: UInt8($0), count: 256) })
        #expect(frames.map { $0.metadata.pts } == (0..<5).map { ClockTime.scale(UInt64($0), 1_000_000_000, 30) })
        #expect(element.outputFrames == 5)
    }

    @Test func aFrameOfTheWrongSizeIsAnError() throws {
        let harness = try ElementHarness(VideoRate(), inputCaps: Self.info(30).caps, outputCaps: Self.info(10).caps)
        #expect(throws: ElementError("videorate: frame 0 has 3 bytes, expected 256.")) {
            try harness.push(Buffer(copying: [1, 2, 3]))
        }
        harness.stop()
    }

    /// GStreamer's videorate on the same timestamps (`videotestsrc num-buffers=30` at 30/1): the same number
    /// of frames with the same timestamps and durations, for 10/1, 60/1, 25/1 and 7/1.
    @Test(arguments: [10, 60, 25, 7])
    func matchesGStreamer(_ rate: Int) throws {
        guard GStreamerTool.path != nil else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let gst = try GStreamerTool()
        defer { gst.remove() }
        let result = try gst.run([
            "-v", "videotestsrc", "num-buffers=30", "!", "video/x-raw,format=GRAY8,width=16,height=16,framerate=30/1",
            "!", "videorate", "!", "video/x-raw,framerate=\(rate)/1", "!", "fakesink", "silent=false",
        ])
        #expect(result.status == 0)
        let theirs = result.output.split(separator: "\n").filter { $0.contains("last-message = chain") }.map { line in
            let match = line.firstMatch(of: /pts: (\d+):(\d+):(\d+)\.(\d+), duration: \d+:\d+:\d+\.(\d+)/)!
            let pts = (UInt64(match.2)! * 60 + UInt64(match.3)!) * 1_000_000_000 + UInt64(match.4)!
            return [pts, UInt64(match.5)!]
        }
        let mine = try Self.run(to: rate).frames.map {
            [$0.metadata.pts?.nanoseconds ?? 0, $0.metadata.duration?.nanoseconds ?? 0]
        }
        #expect(mine == theirs)
    }
}
