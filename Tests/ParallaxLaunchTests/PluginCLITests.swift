import Foundation
import Testing

/// `--plugin-path`, `PARALLAX_PLUGIN_PATH` and `--trust-plugin-element` with the two example plugins.
@Suite struct PluginCLITests {
    static let brightness = LaunchProcess.built("libBrightnessPlugin.so").path
    static let invert = LaunchProcess.built("libInvertPlugin.so").path
    static let plugins = ["--plugin-path", brightness, "--plugin-path", invert]
    static let frames = ["videotestsrc", "num-buffers=3", "!", "video/x-raw,format=RGBA,width=64,height=48"]

    @Test func listElementsSaysWhereEachPluginElementComesFrom() async throws {
        let output = try await LaunchProcess.run(Self.plugins + ["--list-elements"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(output.stdoutLines.contains("brightness: Brightness (plugin \(Self.brightness), runs isolated)"))
        #expect(output.stdoutLines.contains("invert: Invert (plugin \(Self.invert), runs isolated)"))
        #expect(output.stdoutLines.contains("identity: Identity"))
        let trusted = try await LaunchProcess.run(
            ["--plugin-path", Self.invert, "--trust-plugin-element", "invert", "--list-elements"])
        #expect(trusted.stdoutLines.contains("invert: Invert (plugin \(Self.invert), trusted: runs in-process)"))
    }

    @Test func inspectDescribesAPluginElement() async throws {
        let output = try await LaunchProcess.run(["--plugin-path", Self.invert, "--inspect", "invert"])
        #expect(output.status == 0)
        #expect(
            output.stdout == """
                Factory Details:
                  Long-name                Invert
                  Klass                    Filter/Effect/Video
                  Description              Inverts the colours of RGBA video
                  Author                   The Parallax authors

                Plugin Details:
                  Origin                   plugin
                  Filename                 \(Self.invert)
                  Runs                     isolated, in a sandboxed element host (--trust-plugin-element invert runs it in-process)

                Pad Templates:
                  SINK template: 'sink'
                    Availability: Always
                    Capabilities:
                      video/x-raw
                                 format: RGBA

                  SRC template: 'src'
                    Availability: Always
                    Capabilities:
                      video/x-raw
                                 format: RGBA

                Element Properties:
                  invert-alpha        : Invert alpha as well
                                        flags: readable, writable
                                        Boolean. Default: false

                """)
    }

    /// The acceptance check: the Swift plugin, run isolated, writes the same bytes as the in-process Swift
    /// element of the Brightness example.
    @Test func theBrightnessPluginMatchesTheInProcessElement() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference = directory.path("reference.rgba"), plugin = directory.path("plugin.rgba")
        let example = try await LaunchProcess.run(example: "brightness-example", ["40", reference])
        #expect(example.status == 0)
        let output = try await LaunchProcess.run(
            [
                "-q", "--plugin-path", Self.brightness, "videotestsrc", "num-buffers=30", "!",
                "video/x-raw,format=RGBA,width=320,height=240,framerate=30/1", "!", "brightness", "adjustment=40", "!",
                "filesink", "location=\(plugin)",
            ])
        #expect(output.status == 0, "\(output.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: reference))
        #expect(expected.count == 30 * 320 * 240 * 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: plugin)) == expected)
    }

    @Test func theCPluginRunsFromTheEnvironmentPath() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference = directory.path("reference.rgba"), inverted = directory.path("inverted.rgba")
        let plain = try await LaunchProcess.run(["-q"] + Self.frames + ["!", "filesink", "location=\(reference)"])
        #expect(plain.status == 0)
        let linked = directory.path("plugins")
        try FileManager.default.createDirectory(atPath: linked, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: linked + "/libInvertPlugin.so", withDestinationPath: Self.invert)
        defer { try? FileManager.default.removeItem(atPath: linked) }
        let output = try await LaunchProcess(
            ["-v"] + Self.frames + ["!", "invert", "!", "filesink", "location=\(inverted)"],
            environment: ["PARALLAX_PLUGIN_PATH": "/nonexistent:\(linked)"]
        ).finish()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdoutLines.contains { $0.hasPrefix("/pipeline0/invert0: own host, sandbox(profile=compute ") })
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: reference)))
        let expected = bytes.enumerated().map { index, byte in index % 4 == 3 ? byte : 255 - byte }
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: inverted))) == expected)
    }

    @Test func theTrustFlagRunsAPluginElementInProcess() async throws {
        let output = try await LaunchProcess.run(
            [
                "-v", "--plugin-path", Self.invert, "--trust-plugin-element", "invert", "--trust-plugin-element",
                "nosuch",
            ]
                + Self.frames + ["!", "invert", "!", "fakesink"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            output.stdoutLines.contains("/pipeline0/invert0: in-process (trusted plugin element from \(Self.invert))"))
        #expect(
            output.stderr
                == "WARNING: --trust-plugin-element nosuch: no plugin provides an element of that name\n")
    }

    @Test func aRejectedPluginIsAWarningAndTheRestRuns() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let broken = directory.path("broken.so")
        try Data("not a library\n".utf8).write(to: URL(fileURLWithPath: broken))
        let output = try await LaunchProcess.run(
            ["-q", "--plugin-path", broken, "--plugin-path", Self.invert] + Self.frames + [
                "!", "invert", "!", "fakesink",
            ])
        #expect(output.status == 0)
        #expect(output.stderr == "WARNING: plugin \(broken) rejected: cannot load it: file too short\n")
    }

    /// The acceptance criterion on the Swift example: at most 20 lines of Swift beyond imports (comments and
    /// blank lines aside).
    @Test func theSwiftPluginIsAtMostTwentyLines() throws {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        let source = try String(contentsOfFile: path + "/Examples/BrightnessPlugin/Brightness.swift", encoding: .utf8)
        let code = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && !$0.hasPrefix("//") && !$0.hasPrefix("import ")
        }
        #expect(code.count <= 20, "\(code.count) lines")
    }
}
