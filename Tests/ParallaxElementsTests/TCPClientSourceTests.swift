#if Network
import Foundation
import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct TCPClientSourceTests {
    @Test func unlockEndsAWaitForData() throws {
        var server = TCPServerSink()
        server.host = "127.0.0.1"
        server.port = 0
        let serverHarness = try ElementHarness(server)
        var source = TCPClientSource()
        source.host = "127.0.0.1"
        source.port = serverHarness.element.currentPort
        let harness = try ElementHarness(source)
        let waker = harness.element
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: FlowStatus?
        nonisolated(unsafe) let blocked = harness  // used by the thread alone until `done` is signalled
        let thread = Thread {
            status = try? blocked.produce()
            done.signal()
        }
        thread.start()
        waker.unlock()
        #expect(done.wait(timeout: .now() + 5) == .success)
        #expect(status == .eos)
        try harness.finish()
        try serverHarness.finish()
    }

    @Test func aRefusedConnectionNamesTheAddress() throws {
        var source = TCPClientSource()
        source.host = "127.0.0.1"
        source.port = 1  // nothing listens on port 1 of loopback
        #expect(throws: ElementError("tcpclientsrc: could not connect to 127.0.0.1:1: Connection refused")) {
            try ElementHarness(source)
        }
    }
}
#endif  // Network
