#if Network
import Foundation
import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct TCPServerSourceTests {
    static func harness(blocksize: UInt64 = 4096) throws -> ElementHarness<TCPServerSource> {
        var source = TCPServerSource()
        source.host = "127.0.0.1"
        source.port = 0
        source.blocksize = blocksize
        return try ElementHarness(source)
    }

    @Test func readsTheClientsBytesInBlocksUntilItCloses() throws {
        let harness = try Self.harness(blocksize: 4)
        let client = try TCPServerSinkTests.connectClient(to: harness.element.currentPort)
        let bytes: [UInt8] = Array(0..<10)
        #expect(send(client, bytes, bytes.count, 0) == 10)
        close(client)
        let buffers = try harness.produceAll()
        #expect(buffers.allSatisfy { $0.length <= 4 })
        #expect(buffers.flatMap(\.byteArray) == bytes)
        #expect(buffers.first?.metadata.flags.contains(.discont) == true)
        try harness.finish()
    }

    @Test func unlockEndsAWaitForAClient() throws {
        let harness = try Self.harness()
        let waker = harness.element  // a copy sharing the wake-up descriptor
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
    }
}
#endif  // Network
