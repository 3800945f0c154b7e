import Foundation

/// Runs `gst-launch-1.0` for the interop tests of the audio, flow and video utilities, in a fresh temporary
/// directory, with a watchdog that kills it after 30 seconds so a hang fails the test instead of stalling it.
struct GStreamerTool {
    /// The installed `gst-launch-1.0`, or nil (tests then print why they skip).
    static let path = ["/usr/bin/gst-launch-1.0", "/usr/local/bin/gst-launch-1.0"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The directory the files of this run live in; removed by `remove()`.
    let directory: URL

    /// A tool with a fresh temporary directory.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-gst-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The path of file `name` in the directory.
    func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The bytes of file `name`.
    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }

    /// Runs `gst-launch-1.0 arguments` to the end; returns its exit status and standard output.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let path = Self.path else { return (-1, "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = directory.appendingPathComponent("stdout-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watched = process
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if watched.isRunning { watched.terminate() } }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }

    /// Removes the directory.
    func remove() { try? FileManager.default.removeItem(at: directory) }
}
