import Testing

@testable import ParallaxRuntime

@Suite struct PipelineStateMachineTests {
    @Test func upwardStepsVisitEveryStateInOrder() {
        var machine = PipelineStateMachine()
        #expect(machine.transition(to: .playing) == [.prepare, .negotiateAndStart, .play])
        #expect(machine.state == .playing)
    }

    @Test func downwardStepsUndoInReverse() {
        var machine = PipelineStateMachine()
        _ = machine.transition(to: .playing)
        #expect(machine.transition(to: .null) == [.pause, .stopStreaming, .release])
        #expect(machine.state == .null)
    }

    @Test func partialStepsAndNoOps() {
        var machine = PipelineStateMachine()
        #expect(machine.transition(to: .paused) == [.prepare, .negotiateAndStart])
        #expect(machine.transition(to: .paused) == [])
        #expect(machine.transition(to: .ready) == [.stopStreaming])
        #expect(machine.transition(to: .playing) == [.negotiateAndStart, .play])
    }

    @Test func resetRecordsWhereAFailedStepLeftThePipeline() {
        var machine = PipelineStateMachine()
        _ = machine.transition(to: .playing)
        machine.reset(to: .ready)
        #expect(machine.state == .ready)
        #expect(machine.transition(to: .playing) == [.negotiateAndStart, .play])
    }
}
