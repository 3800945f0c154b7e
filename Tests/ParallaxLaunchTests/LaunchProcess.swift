import Foundation
import Testing

/// What a finished `parallax-launch` process left behind.
struct LaunchOutput: Sendable {
    /// The exit status (or the signal number for a process killed by a signal).
    var status: Int32
    /// Whether the process ended by exiting (not by a signal).
    var exited: Bool
    /// Everything written to standard output.
    var stdout: String
    /// Everything written to standard error.
    var stderr: String

    /// Standard output split into lines (without the final empty one).
    var stdoutLines: [String] {
        var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs the `parallax-launch` binary built next to this test bundle as a subprocess.
///
/// The binary is found beside the running test executable (`/proc/self/exe`), where SwiftPM builds it because
/// the test target depends on it; `PARALLAX_LAUNCH` overrides the path. Standard output and standard error go
/// to temporary files, so neither pipe can fill up and stall the child. Every process gets a 60-second
/// watchdog that kills it, so a hang fails the test instead of stalling the run.
final class LaunchProcess: @unchecked Sendable {  // unchecked: Process is used from one test at a time
    /// The `parallax-launch` executable.
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["PARALLAX_LAUNCH"] { return URL(fileURLWithPath: path) }
        return built("parallax-launch")
    }()

    /// The executable product `name` that SwiftPM built beside the running test executable.
    static func built(_ name: String) -> URL {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// How long any one child may run before the watchdog kills it.
    static let watchdog = DispatchTimeInterval.seconds(60)

    let process = Process()
    private let stdoutPipe: Pipe?
    private let stdoutFile: URL
    private let stderrFile: URL
    private var stdoutReadSoFar = Data()
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `parallax-launch arguments`. With `pipeStdout`, standard output is a pipe read with `read(until:)`;
    /// `stderr` replaces the standard error file (to give the child a terminal); `environment` adds variables.
    /// `executable` replaces `parallax-launch` (for the examples).
    init(
        _ arguments: [String], executable: URL = LaunchProcess.executable, pipeStdout: Bool = false,
        stderr: FileHandle? = nil, environment extra: [String: String] = [:]
    ) throws {
        let directory = FileManager.default.temporaryDirectory
        stdoutFile = directory.appendingPathComponent("parallax-launch-\(UUID().uuidString).out")
        stderrFile = directory.appendingPathComponent("parallax-launch-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"  // ArgumentParser wraps help text to this width when not on a terminal
        environment.merge(extra) { _, new in new }
        process.environment = environment
        if pipeStdout {
            let pipe = Pipe()
            stdoutPipe = pipe
            process.standardOutput = pipe
        } else {
            stdoutPipe = nil
            process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        }
        process.standardError = try stderr ?? FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        let process = self.process
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.watchdog) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    /// Runs `parallax-launch arguments` to the end.
    static func run(_ arguments: [String]) async throws -> LaunchOutput {
        try await LaunchProcess(arguments).finish()
    }

    /// Runs the built executable `name` with `arguments` to the end.
    static func run(example name: String, _ arguments: [String] = []) async throws -> LaunchOutput {
        try await LaunchProcess(arguments, executable: built(name)).finish()
    }

    /// Reads the piped standard output until it contains `text`; false if it ended first.
    func read(until text: String) -> Bool {
        guard let handle = stdoutPipe?.fileHandleForReading else { return false }
        while String(decoding: stdoutReadSoFar, as: UTF8.self).contains(text) == false {
            let chunk = handle.availableData  // blocks until data or end of file
            if chunk.isEmpty { return false }
            stdoutReadSoFar.append(chunk)
        }
        return true
    }

    /// Reads the piped standard output to its end, which comes when the process has closed it (exited):
    /// a wait measured on the caller's thread, whatever the load on the threads that report the exit.
    func readToEnd() {
        guard let handle = stdoutPipe?.fileHandleForReading else { return }
        stdoutReadSoFar.append(handle.readDataToEndOfFile())
    }

    /// Sends SIGINT.
    func interrupt() { kill(process.processIdentifier, SIGINT) }

    /// Waits for the process to end and collects its output.
    func finish() async throws -> LaunchOutput {
        var stdout = stdoutReadSoFar
        if let handle = stdoutPipe?.fileHandleForReading {
            stdout.append(handle.readDataToEndOfFile())
        }
        let exited = self.exited
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                exited.wait()
                continuation.resume()
            }
        }
        if stdoutPipe == nil { stdout = try Data(contentsOf: stdoutFile) }
        let stderr = try Data(contentsOf: stderrFile)
        try? FileManager.default.removeItem(at: stdoutFile)
        try? FileManager.default.removeItem(at: stderrFile)
        return LaunchOutput(
            status: process.terminationStatus, exited: process.terminationReason == .exit,
            stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A fresh temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parallax-launch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The `Execution ended after H:MM:SS.nnnnnnnnn` line's time matches GStreamer's layout.
func isClockTime(_ text: Substring) -> Bool {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber), parts[1].count == 2,
        parts[1].allSatisfy(\.isNumber)
    else { return false }
    let seconds = parts[2].split(separator: ".", omittingEmptySubsequences: false)
    return seconds.count == 2 && seconds[0].count == 2 && seconds[1].count == 9
        && (seconds[0] + seconds[1]).allSatisfy(\.isNumber)
}
