import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct FakeSinkTests {
    @Test func acceptsEverythingByDefault() throws {
        let harness = try ElementHarness(FakeSink(), inputCaps: try Caps(parsing: "video/x-raw,format=I420"))
        for _ in 0..<5 { #expect(try harness.push(Buffer(capacity: 16)) == .ok) }
        #expect(harness.element.renderedCount == 5)
        try harness.finish()
    }

    @Test func numBuffersAcceptsNThenAnswersEOS() throws {
        var sink = FakeSink()
        sink.numBuffers = 2
        let harness = try ElementHarness(sink)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(try harness.push(Buffer(capacity: 1)) == .eos)
        #expect(harness.element.renderedCount == 2)
        try harness.finish()
    }

    @Test func syncFollowsTheSyncProperty() throws {
        #expect(!FakeSink().sync)
        let sink = try FakeSink.configured([PropertySetting(name: "sync", value: .bool(true), text: "true")])
        #expect(sink.sync)
    }

    @Test func startResetsTheCount() throws {
        var sink = FakeSink()
        sink.numBuffers = 1
        let first = try ElementHarness(sink)
        #expect(try first.push(Buffer(capacity: 1)) == .ok)
        try first.finish()
        let second = try ElementHarness(first.element)
        #expect(try second.push(Buffer(capacity: 1)) == .ok)
        #expect(try second.push(Buffer(capacity: 1)) == .eos)
        try second.finish()
    }
}
