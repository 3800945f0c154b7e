import Foundation
import Glibc

/// A process whose standard output and standard error the test reads line by line, as they are written, with
/// a time limit on each wait; stopped (SIGINT, then SIGKILL if it lingers) and reaped when the value goes away.
///
/// ```swift
/// let launch = try LineProcess(["/usr/bin/parallax-launch", "-m", "videotestsrc", "!", "fakesink"])
/// let line = launch.line(where: { $0.contains("zenoh-pub-connection") }, within: 10)
/// ```
/// Thread: one test at a time.
final class LineProcess {
    private let process = Process()
    private let output = Pipe()
    private var pending: [UInt8] = []
    /// Every line read so far, for messages when an expectation fails.
    private(set) var seen: [String] = []

    /// Starts `command[0]` with the rest as its arguments.
    init(_ command: [String]) throws {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit { stop() }

    /// The next line, or nil when the process ended first or nothing came within `seconds`.
    func line(within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                seen.append(line)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var watch = pollfd(fd: output.fileHandleForReading.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, Int32(left * 1000) + 1) == 1 else { return nil }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            pending += chunk
        }
    }

    /// The first line satisfying `predicate` within `seconds` (the lines before it are passed over), or nil.
    func line(where predicate: (String) -> Bool, within seconds: Double) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while deadline.timeIntervalSinceNow > 0, let line = line(within: deadline.timeIntervalSinceNow) {
            if predicate(line) { return line }
        }
        return nil
    }

    /// The lines written so far and not read yet, without waiting.
    func available() -> [String] {
        var lines: [String] = []
        while let line = line(within: 0) { lines.append(line) }
        return lines
    }

    /// The last `count` lines read, joined: what an expectation prints when it fails.
    func tail(_ count: Int = 20) -> String { seen.suffix(count).joined(separator: "\n") }

    /// Interrupts the process (SIGINT, as Ctrl-C), kills it if it has not ended within 5 s, and reaps it.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline {
            var watch = pollfd(fd: -1, events: 0, revents: 0)
            _ = poll(&watch, 0, 10)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
