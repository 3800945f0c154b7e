import Parallax
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct ValveTests {
    @Test func anOpenValvePassesBuffers() throws {
        let harness = try ElementHarness(Valve(), inputCaps: Caps("application/x-test"))
        #expect(try harness.push(Buffer(copying: [1, 2, 3])) == .ok)
        #expect(harness.pull()?.byteArray == [1, 2, 3])
        try harness.finish()
    }

    @Test func aClosedValveDropsBuffersButPassesEvents() throws {
        var valve = Valve()
        valve.drop = true
        let harness = try ElementHarness(valve, inputCaps: Caps("application/x-test"))
        #expect(try harness.push(Buffer(copying: [1, 2, 3])) == .dropped)
        #expect(try harness.pushEvent(.segment(Segment())) == .forward)
        #expect(try harness.pushEvent(.eos) == .forward)
        #expect(harness.pullEvent() == .segment(Segment()))
        #expect(harness.pullEvent() == .eos)
        #expect(harness.pendingOutputs == 0)
        try harness.finish()
    }

    /// `drop` set while playing applies in order with the stream: a probe branch shows the source has handed
    /// on buffer 1 before the valve is opened, so the change travels behind it and only buffer 2 gets through.
    @Test func dropSetWhilePlayingAppliesFromTheNextBuffer() async throws {
        let pipeline = try Pipeline(
            launch: "appsrc name=src caps=application/x-test ! tee name=t ! queue ! valve name=v drop=true "
                + "! appsink name=out sync=false t. ! queue ! appsink name=probe sync=false")
        let feed = try #require((pipeline.element(named: "src") as? AppSource)?.feed)
        let out = try #require(pipeline.element(named: "out") as? AppSink)
        let probe = try #require(pipeline.element(named: "probe") as? AppSink)
        async let run: Void = pipeline.run()
        var probed = probe.buffers.makeAsyncIterator()
        await feed.push(Buffer(copying: [1]))
        #expect(try #require(await probed.next()).byteArray == [1])
        try pipeline.setProperty("drop", on: "v", to: .bool(false))
        await feed.push(Buffer(copying: [2]))
        #expect(try #require(await probed.next()).byteArray == [2])
        feed.endOfStream()
        while await probed.next() != nil {}
        var passed: [[UInt8]] = []
        for await buffer in out.buffers { passed.append(buffer.byteArray) }
        try await run
        #expect(passed == [[2]])
    }
}
