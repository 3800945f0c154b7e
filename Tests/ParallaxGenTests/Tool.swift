import Foundation

/// Runs a program to the end and collects its exit status and output (through temporary files, so no pipe
/// fills up and stalls the child).
struct Tool {
    /// The exit status.
    var status: Int32
    /// Standard output and standard error, interleaved as written.
    var output: String

    /// Runs `executable arguments` in `directory`.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> Tool {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-gen-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return Tool(status: process.terminationStatus, output: try String(contentsOf: log, encoding: .utf8))
    }

    /// The `parallax-gen` executable SwiftPM built beside the running test executable.
    static var parallaxGen: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("parallax-gen")
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-gen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file under `folder`, as paths relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue { files.append(path) }
        }
        return files.sorted()
    }
}
