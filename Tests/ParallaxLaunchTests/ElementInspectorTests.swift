import Testing

/// `--inspect NAME` and `--list-elements`.
@Suite("parallax-launch --inspect and --list-elements")
struct ElementInspectorTests {
    @Test("--inspect fakesrc prints gst-inspect's layout")
    func inspectFakeSource() async throws {
        let output = try await LaunchProcess.run(["--inspect", "fakesrc"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let lines = output.stdoutLines
        #expect(
            Array(lines.prefix(16)) == [
                "Factory Details:",
                "  Long-name                Fake Source",
                "  Klass                    Source",
                "  Description              Pushes buffers of configurable size and contents, for testing",
                "  Author                   The Parallax authors",
                "",
                "Plugin Details:",
                "  Origin                   built in",
                "",
                "Pad Templates:",
                "  SRC template: 'src'",
                "    Availability: Always",
                "    Capabilities:",
                "      ANY",
                "",
                "Element Properties:",
            ])
        let numBuffers = lines.firstIndex { $0.hasPrefix("  num-buffers ") } ?? lines.endIndex
        #expect(
            Array(lines[numBuffers...].prefix(3)) == [
                "  num-buffers         : Number of buffers to output before sending EOS (-1 = unlimited)",
                "                        flags: readable, writable",
                "                        Integer. Range: -1 - 2147483647 Default: -1",
            ])
        let sizeType = lines.firstIndex { $0.hasPrefix("  sizetype ") } ?? lines.endIndex
        #expect(
            Array(lines[sizeType...].prefix(6)) == [
                "  sizetype            : How to determine buffer sizes",
                "                        flags: readable, writable",
                "                        Enum \"GstFakeSrcSizeType\" Default: 1, \"empty\"",
                "                           (1): empty            - Send empty buffers",
                "                           (2): fixed            - Fixed size buffers (sizemax sized)",
                "                           (3): random           - Random sized buffers (sizemin <= size <= sizemax)",
            ])
        let silent = lines.firstIndex { $0.hasPrefix("  silent ") } ?? lines.endIndex
        #expect(
            Array(lines[silent...].prefix(3)) == [
                "  silent              : Don't print a line for every buffer made",
                "                        flags: readable, writable",
                "                        Boolean. Default: true",
            ])
        let names = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") && $0.contains(" : ") }
            .map { $0.dropFirst(2).prefix { $0 != " " } }
        #expect(names == names.sorted())
        #expect(names.count == 9)
    }

    @Test("--inspect prints caps fields indented under their structure, and other property types")
    func inspectVideoTestSource() async throws {
        let output = try await LaunchProcess.run(["--inspect", "videotestsrc"])
        #expect(output.status == 0)
        let lines = output.stdoutLines
        let caps = lines.firstIndex(of: "    Capabilities:") ?? lines.endIndex
        let block = Array(lines[caps...].prefix(6))
        #expect(block.count == 6)
        guard block.count == 6 else { return }
        #expect(block[0...1] == ["    Capabilities:", "      video/x-raw"])
        #expect(block[2].hasPrefix("                 format: { (string)BGRA, (string)RGBA, "))
        #expect(block[2].hasSuffix(", (string)GRAY8, (string)I420_10LE }"))
        #expect(
            block[3...5] == [
                "                  width: [ 1, 2147483647 ]",
                "                 height: [ 1, 2147483647 ]",
                "              framerate: [ 0/1, 2147483647/1 ]",
            ])
        let background = lines.firstIndex { $0.hasPrefix("  background-color ") } ?? lines.endIndex
        #expect(
            lines[background...].dropFirst(2).first
                == "                        Unsigned Integer. Range: 0 - 4294967295 Default: 4278190080")
    }

    @Test("--inspect prints doubles as gst-inspect does, and caps properties")
    func inspectDoubleAndCaps() async throws {
        let identity = try await LaunchProcess.run(["--inspect", "identity"])
        #expect(
            identity.stdout.contains(
                """
                  drop-probability    : The probability a buffer is dropped
                                        flags: readable, writable
                                        Double. Range:               0 -               1 Default:               0

                """))
        let capsfilter = try await LaunchProcess.run(["--inspect", "capsfilter"])
        #expect(
            capsfilter.stdout.contains(
                """
                                        flags: readable, writable
                                        Caps (Default: ANY)

                """))
    }

    @Test("--inspect of an unknown name exits 2 with suggestions")
    func inspectUnknown() async throws {
        let misspelt = try await LaunchProcess.run(["--inspect", "fakesinkk"])
        #expect(misspelt.status == 2)
        #expect(misspelt.stdout == "")
        #expect(misspelt.stderr == "No such element \"fakesinkk\"\ndid you mean \"fakesink\" or \"filesink\"?\n")
        let unknown = try await LaunchProcess.run(["--inspect", "nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "No such element \"nosuch\"\n")
    }

    @Test("--list-elements prints every stock factory, sorted")
    func listElements() async throws {
        let output = try await LaunchProcess.run(["--list-elements"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let lines = output.stdoutLines
        for expected in [
            "capsfilter: CapsFilter", "fakesink: Fake Sink", "fakesrc: Fake Source", "filesink: File Sink",
            "filesrc: File Source", "identity: Identity", "queue: Queue", "tee: Tee pipe fitting",
            "videotestsrc: Video test source",
        ] {
            #expect(lines.contains(expected))
        }
        let factories = lines.map { $0.prefix { $0 != ":" } }
        #expect(factories == factories.sorted())
        #expect(lines.allSatisfy { $0.contains(": ") })
    }
}
