import Testing

@testable import parallax_launch

/// The pure logic behind SIGINT handling.
@Suite("InterruptStateMachine")
struct InterruptStateMachineTests {
    @Test("EOS first, then stop, then exit")
    func sequence() {
        var machine = InterruptStateMachine()
        #expect(!machine.wantsEndOfStream && !machine.wantsStop)
        #expect(machine.interrupt() == .sendEndOfStream)
        #expect(machine.wantsEndOfStream && !machine.wantsStop)
        #expect(machine.interrupt() == .stop)
        #expect(machine.wantsEndOfStream && machine.wantsStop)
        #expect(machine.interrupt() == .exit)
        #expect(machine.interrupt() == .exit)
    }
}
