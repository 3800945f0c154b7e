import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct ProgressReportTests {
    static func push(_ harness: ElementHarness<ProgressReport>, every milliseconds: UInt64, count: Int) throws {
        for i in 0..<UInt64(count) {
            var buffer = Buffer(copying: [0])
            buffer.metadata.pts = .milliseconds(i * milliseconds)
            try harness.push(buffer)
        }
        _ = harness.pullAll()
    }

    @Test func reportsPercentEveryUpdateFrequencyWhenTheSegmentHasAStop() throws {
        var report = ProgressReport()
        report.updateFrequency = 1
        report.silent = true
        let harness = try ElementHarness(report, inputCaps: Caps("application/x-test"))
        try harness.pushEvent(.segment(Segment(stop: .seconds(4))))
        _ = harness.pullEvent()
        try Self.push(harness, every: 250, count: 12)  // 0 … 2.75 s
        try harness.finish()
        #expect(
            harness.postedMessages.map(\.description) == [
                "progress, percent=(int)25, percent-double=(double)25, current=(int)1, total=(int)4, format=(string)time",
                "progress, percent=(int)50, percent-double=(double)50, current=(int)2, total=(int)4, format=(string)time",
            ])
    }

    @Test func reportsThePositionWithoutADuration() throws {
        var report = ProgressReport()
        report.updateFrequency = 2
        report.silent = true
        let harness = try ElementHarness(report, inputCaps: Caps("application/x-test"))
        try Self.push(harness, every: 500, count: 10)  // 0 … 4.5 s
        try harness.finish()
        #expect(
            harness.postedMessages.map(\.description) == [
                "progress, current=(int)2, format=(string)time", "progress, current=(int)4, format=(string)time",
            ])
    }

    @Test func printsGStreamersLine() {
        #expect(ProgressReport.report(position: .seconds(3), total: .seconds(8)).line == "3 / 8 seconds (37.5 %)")
        #expect(ProgressReport.report(position: .seconds(6), total: nil).line == "6 seconds")
    }
}
