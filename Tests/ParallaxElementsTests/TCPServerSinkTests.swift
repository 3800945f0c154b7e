#if Network
import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct TCPServerSinkTests {
    /// A blocking client connected to 127.0.0.1:`port`.
    static func connectClient(to port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        return fd
    }

    /// Reads exactly `count` bytes (blocking).
    static func read(_ fd: Int32, _ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + done, count - done, 0) }
            if n <= 0 { break }
            done += n
        }
        return Array(bytes[..<done])
    }

    static func harness() throws -> ElementHarness<TCPServerSink> {
        var sink = TCPServerSink()
        sink.host = "127.0.0.1"
        sink.port = 0
        return try ElementHarness(sink)
    }

    @Test func portZeroBindsAFreePortAndReportsIt() throws {
        let harness = try Self.harness()
        let port = harness.element.currentPort
        #expect(port > 0)
        #expect(TCPServerSink.descriptor.property(named: "current-port")?.get(harness.element) == .int(Int64(port)))
        try harness.finish()
        #expect(harness.element.currentPort == 0)
    }

    @Test func everyClientGetsEveryBufferAndAClosedOneIsDropped() throws {
        let harness = try Self.harness()
        let first = try Self.connectClient(to: harness.element.currentPort)
        let second = try Self.connectClient(to: harness.element.currentPort)
        defer { close(second) }
        #expect(try harness.push(Buffer(copying: [1, 2, 3])) == .ok)
        #expect(harness.element.connectedClients == 2)
        #expect(Self.read(second, 3) == [1, 2, 3])
        close(first)  // unread data: the kernel resets the connection
        for value: UInt8 in 4...6 { #expect(try harness.push(Buffer(copying: [value])) == .ok) }
        #expect(harness.element.connectedClients == 1)
        #expect(Self.read(second, 3) == [4, 5, 6])
        try harness.finish()
        #expect(Self.read(second, 1) == [])  // stopping closes the connection: end of stream
    }
}
#endif  // Network
