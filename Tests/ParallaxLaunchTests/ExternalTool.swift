import Foundation

/// GStreamer's and ffmpeg's command-line tools, run beside `parallax-launch` by the interop tests.
enum ExternalTool {
    /// The tool's path under `/usr/bin`, or nil (with a printed reason, so the test can skip) when it is missing.
    static func find(_ name: String) -> URL? {
        let url = URL(fileURLWithPath: "/usr/bin/" + name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            print("skipped: \(name) is not installed")
            return nil
        }
        return url
    }

    /// Runs `tool arguments` to the end; records an issue naming the tool when it fails.
    @discardableResult
    static func run(_ tool: URL, _ arguments: [String]) async throws -> LaunchOutput {
        let output = try await LaunchProcess(arguments, executable: tool).finish()
        if output.status != 0 { print("\(tool.lastPathComponent) failed: \(output.stderr)") }
        return output
    }

    /// `ffprobe -v error ARGUMENTS -of default=nw=1 FILE`: its `key=value` lines.
    static func probe(_ ffprobe: URL, _ file: String, _ arguments: [String]) async throws -> [String] {
        try await run(ffprobe, ["-v", "error"] + arguments + ["-of", "default=nw=1", file]).stdoutLines
    }

    /// The file's bytes (empty when it does not exist).
    static func bytes(_ path: String) -> Data {
        FileManager.default.contents(atPath: path) ?? Data()
    }
}
