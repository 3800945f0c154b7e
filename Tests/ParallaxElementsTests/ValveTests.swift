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
}
