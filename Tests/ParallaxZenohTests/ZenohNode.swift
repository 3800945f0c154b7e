import Foundation
import Glibc

/// A real Zenoh node from PyPI's eclipse-zenoh (`Tests/Interop/zenoh_node.py` in the virtual environment
/// `.venv-zenoh` that `scripts/install-deps.sh` makes), run beside the tests on loopback. It reports on its
/// stderr, which the test reads; the runtime's log (`RUST_LOG=debug`) goes to the test's own stderr.
final class ZenohNode: @unchecked Sendable {  // unchecked: one test uses a node at a time
    private let process = Process()
    private let output = Pipe()
    private var pending: [UInt8] = []

    /// The Python interpreter of the environment, or nil (with a printed reason) when it was not made.
    static var python: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-zenoh/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            print("skipped: \(python.path) is missing (scripts/install-deps.sh makes it)")
            return nil
        }
        return python
    }

    /// Starts `zenoh_node.py arguments`, through `wrapper` when given (`ip netns exec NAME`: in a namespace).
    init(_ python: URL, _ arguments: [String], wrapper: [String] = []) throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/zenoh_node.py")
        let command = wrapper + [python.path, script.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardError = output
        process.standardOutput = FileHandle.standardError
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// The next line the node prints, or nil when it exited first (or nothing came within `seconds`, when given).
    func line(within seconds: Double? = nil) -> String? {
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if let seconds {
                var watch = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&watch, 1, Int32(seconds * 1000)) == 1 else { return nil }
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            pending += chunk
        }
    }

    /// The lines up to and including one equal to `marker`; nil when the node exited first.
    func lines(through marker: String) -> [String]? {
        var seen: [String] = []
        while let line = line() {
            seen.append(line)
            if line == marker { return seen }
        }
        print("zenoh node ended early; it printed: \(seen)")
        return nil
    }

    /// The next `count` JSON sample lines, decoded (probe lines skipped).
    func samples(_ count: Int) -> [[String: Any]] {
        var result: [[String: Any]] = []
        while result.count < count, let line = line() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if object["probe"] != nil { continue }
            result.append(object)
        }
        return result
    }

    /// Calls `probe` (which puts a sample on a key ending in `/probe`) until this subscriber reports one: the
    /// router then routes that key space to it. A subscriber reports "ready" when declared locally, before the
    /// router may know it. False when no probe arrived in 10 s.
    func awaitRoute(_ probe: () throws -> Void) rethrows -> Bool {
        for _ in 0..<100 {
            try probe()
            if let line = line(within: 0.1), line.contains("\"probe\"") { return true }
        }
        return false
    }

    /// Waits for the node to exit; its status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Stops it (SIGTERM) and reaps it.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// A TCP port free on 127.0.0.1 right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The payload the node's `pub` mode sends for `size`: byte i is (i · 7 + size) & 0xFF.
    static func payload(_ size: Int) -> [UInt8] {
        (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ size) }
    }

    /// zlib's CRC-32 of `bytes` (what the node prints).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var table = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            table[i] = c
        }
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
