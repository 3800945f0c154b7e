import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct FPSDisplaySinkTests {
    /// 45 frames at 30/1: measurements at 0.5 s and 1 s of stream time, each of 15 frames.
    @Test func postsMeasurementsEveryUpdateIntervalOfStreamTime() throws {
        var sink = FPSDisplaySink()
        sink.syncToClock = false
        let harness = try ElementHarness(sink, inputCaps: Caps("video/x-raw"))
        for i in 0..<45 {
            var frame = Buffer(copying: [0])
            frame.metadata.pts = ClockTime.scale(UInt64(i), 1_000_000_000, 30)
            try harness.push(frame)
        }
        try harness.finish()
        #expect(
            harness.postedMessages.map(\.description) == [
                "fps-measurements, fps=(double)30, droprate=(double)0, avgfps=(double)30",
                "fps-measurements, fps=(double)30, droprate=(double)0, avgfps=(double)30",
            ])
        #expect(harness.element.framesRendered == 45 && harness.element.framesDropped == 0)
        #expect(harness.element.maxFPS == 30 && harness.element.minFPS == 30)
    }

    /// Half the frames of the second interval missing: its rate halves, the average follows.
    @Test func measuresASlowerStretch() throws {
        var sink = FPSDisplaySink()
        sink.syncToClock = false
        sink.updateInterval = 1000
        let harness = try ElementHarness(sink, inputCaps: Caps("video/x-raw"))
        let frames = Array(0..<20) + stride(from: 20, through: 40, by: 2)
        for i in frames {
            var frame = Buffer(copying: [0])
            frame.metadata.pts = .milliseconds(UInt64(i) * 50)
            try harness.push(frame)
        }
        try harness.finish()
        #expect(
            harness.postedMessages.map(\.description) == [
                "fps-measurements, fps=(double)20, droprate=(double)0, avgfps=(double)20",
                "fps-measurements, fps=(double)10, droprate=(double)0, avgfps=(double)15",
            ])
    }

    /// With `sync`, a frame reaching the sink more than 20 ms after its time counts as dropped, as a GStreamer
    /// video sink drops it; the measurement reports the drop rate.
    @Test func aLateFrameIsDropped() throws {
        let clock = ManualClock()
        var sink = FPSDisplaySink()
        sink.clock = clock
        sink.updateInterval = 100
        let harness = try ElementHarness(sink, inputCaps: Caps("video/x-raw"))
        func push(_ milliseconds: UInt64) throws {
            var frame = Buffer(copying: [0])
            frame.metadata.pts = .milliseconds(milliseconds)
            try harness.push(frame)
        }
        try push(0)
        clock.advance(by: .milliseconds(40))
        try push(40)  // on time
        clock.advance(by: .milliseconds(25))
        try push(50)  // 15 ms late: rendered
        clock.advance(by: .milliseconds(30))
        try push(60)  // 35 ms late: dropped
        clock.advance(by: .milliseconds(5))
        try push(100)  // on time: the first interval ends
        try harness.finish()
        #expect(harness.element.framesRendered == 4 && harness.element.framesDropped == 1)
        #expect(
            harness.postedMessages.map(\.description) == [
                "fps-measurements, fps=(double)30, droprate=(double)10, avgfps=(double)30"
            ])
    }

    @Test func formatsGStreamersLastMessage() {
        #expect(
            FPSDisplaySink().lastMessage(fps: 29.97, average: 30)
                == "rendered: 0, dropped: 0, current: 29.97, average: 30.00")
    }
}
