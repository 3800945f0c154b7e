import Foundation

/// Runs the media tools the container interop tests compare against (`ffmpeg`, `ffprobe`, `gst-launch-1.0`):
/// finds them, runs them with a watchdog, and reads IVF frames for comparisons.
enum ContainerTool {
    /// What a tool run left behind.
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The path of tool `name`, or nil (after printing why the test is skipped) when it is not installed.
    static func find(_ name: String) -> String? {
        let path = ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        if path == nil { print("skipped: \(name) is not installed") }
        return path
    }

    /// Runs `path` with `arguments`; kills it after 30 seconds.
    static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let directory = FileManager.default.temporaryDirectory
        let out = directory.appendingPathComponent("container-tool-\(UUID().uuidString).out")
        let err = directory.appendingPathComponent("container-tool-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        return Result(
            status: process.terminationStatus, stdout: try Data(contentsOf: out),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// The frames of an IVF file (the bytes after each 12-byte frame header).
    static func ivfFrames(_ path: String) throws -> [[UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var frames: [[UInt8]] = []
        var index = 32
        while index + 12 <= bytes.count {
            let size = (0..<4).reduce(0) { $0 | Int(bytes[index + $1]) << ($1 * 8) }
            guard index + 12 + size <= bytes.count else { break }
            frames.append(Array(bytes[(index + 12)..<(index + 12 + size)]))
            index += 12 + size
        }
        return frames
    }

    /// `ffprobe -show_entries <entries> -of compact` lines, without the section prefixes' noise.
    static func probe(_ ffprobe: String, _ path: String, _ entries: String, countFrames: Bool = false) throws
        -> [String]
    {
        let arguments =
            ["-v", "error"] + (countFrames ? ["-count_frames"] : [])
            + ["-show_entries", entries, "-of", "compact", path]
        return try run(ffprobe, arguments).text.split(separator: "\n").map(String.init)
    }
}
