import Foundation
import Testing

/// `parallax-launch` runs: status lines, exit codes, errors, `-v`, `-q`, usage errors. Each test runs the real
/// binary as a subprocess.
@Suite("parallax-launch runs")
struct ParallaxLaunchTests {
    /// The status lines of a run that reached EOS, with the time line checked separately.
    static func expectSuccessfulRun(_ output: LaunchOutput, caps: [String] = []) {
        #expect(output.exited && output.status == 0)
        var lines = output.stdoutLines
        let timeIndex = lines.firstIndex { $0.hasPrefix("Execution ended after ") }
        #expect(timeIndex != nil)
        if let timeIndex {
            #expect(isClockTime(lines[timeIndex].dropFirst("Execution ended after ".count)))
            lines[timeIndex] = "Execution ended after TIME"
        }
        #expect(
            lines == ["Setting pipeline to PAUSED ..."] + caps + [
                "Setting pipeline to PLAYING ...",
                "Got EOS from pipeline.",
                "Execution ended after TIME",
                "Setting pipeline to NULL ...",
                "Freeing pipeline ...",
            ])
        #expect(output.stderr == "")
    }

    @Test("a pipeline runs to EOS and exits 0")
    func successfulRun() async throws {
        let output = try await LaunchProcess.run(["fakesrc", "num-buffers=10", "!", "fakesink"])
        Self.expectSuccessfulRun(output)
    }

    @Test("one quoted word and separate words are the same description")
    func wordsAreJoined() async throws {
        let one = try await LaunchProcess.run(["--graph-json", "videotestsrc num-buffers=2 ! queue ! fakesink"])
        let many = try await LaunchProcess.run([
            "--graph-json", "videotestsrc", "num-buffers=2", "!", "queue", "!", "fakesink",
        ])
        #expect(one.status == 0 && many.status == 0)
        #expect(one.stdout.contains("\"queue0:src\""))
        #expect(one.stdout == many.stdout)
        let run = try await LaunchProcess.run(["videotestsrc", "num-buffers=2", "!", "queue", "!", "fakesink"])
        Self.expectSuccessfulRun(run)
    }

    @Test("-v prints the caps of both pads of every link")
    func verboseCaps() async throws {
        let output = try await LaunchProcess.run([
            "-v", "videotestsrc", "num-buffers=1", "!", "video/x-raw,format=I420,width=64,height=48", "!", "fakesink",
        ])
        let caps = "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
        Self.expectSuccessfulRun(
            output,
            caps: [
                "/pipeline0/videotestsrc0.src: caps = \(caps)",
                "/pipeline0/fakesink0.sink: caps = \(caps)",
            ])
    }

    @Test("-q leaves out the status lines")
    func quiet() async throws {
        let output = try await LaunchProcess.run(["-q", "fakesrc", "num-buffers=3", "!", "fakesink"])
        #expect(output.status == 0)
        #expect(output.stdout == "")
        #expect(output.stderr == "")
    }

    @Test("an unknown element is a description error (exit 2) rendered with a caret")
    func unknownElement() async throws {
        let output = try await LaunchProcess.run(["videotestsrcc", "!", "fakesink"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(
            output.stderr == """
                error: no element "videotestsrcc"
                 --> 1:1
                  |
                1 | videotestsrcc ! fakesink
                  | ^^^^^^^^^^^^^
                  = help: did you mean "videotestsrc" or "audiotestsrc"?

                """)
    }

    @Test("a bad property value is a description error (exit 2)")
    func badPropertyValue() async throws {
        let output = try await LaunchProcess.run(["videotestsrc", "num-buffers=abc", "!", "fakesink"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(
            output.stderr == """
                error: invalid value "abc" for property "num-buffers" of videotestsrc: expected an integer in \
                -1...2147483647
                 --> 1:26
                  |
                1 | videotestsrc num-buffers=abc ! fakesink
                  |                          ^^^

                """)
    }

    @Test("a negotiation failure is a description error (exit 2) with a caret under the link")
    func negotiationFailure() async throws {
        let output = try await LaunchProcess.run(["videotestsrc", "!", "video/x-raw,format=NOPE", "!", "fakesink"])
        #expect(output.status == 2)
        #expect(
            output.stdoutLines == [
                "Setting pipeline to PAUSED ...", "Setting pipeline to NULL ...", "Freeing pipeline ...",
            ])
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            Array(lines.prefix(5)) == [
                "error: could not link videotestsrc0 to fakesink0: no common format",
                " --> 1:1",
                "  |",
                "1 | videotestsrc ! video/x-raw,format=NOPE ! fakesink",
                "  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
            ])
        #expect(lines.contains("  = note: the caps filter on this link is: video/x-raw, format=(string)NOPE"))
        #expect(lines.contains("  = note: emptied by: the caps filter on this link"))
        #expect(lines.last == "")
    }

    @Test("a missing input file is a run-time error (exit 1) printed like gst-launch")
    func missingInputFile() async throws {
        let output = try await LaunchProcess.run(["filesrc", "location=/nonexistent", "!", "fakesink"])
        #expect(output.status == 1)
        #expect(
            output.stdoutLines == [
                "Setting pipeline to PAUSED ...", "Setting pipeline to NULL ...", "Freeing pipeline ...",
            ])
        #expect(
            output.stderr == """
                ERROR: from element /pipeline0/filesrc0: Could not open file "/nonexistent" for reading.
                Additional debug info:
                open: No such file or directory

                """)
    }

    @Test("an unwritable output is a run-time error (exit 1)")
    func unwritableOutput() async throws {
        let output = try await LaunchProcess.run([
            "fakesrc", "num-buffers=1", "!", "filesink", "location=/nonexistent-dir/out",
        ])
        #expect(output.status == 1)
        #expect(
            output.stderr == """
                ERROR: from element /pipeline0/filesink0: Could not open file "/nonexistent-dir/out" for writing.
                Additional debug info:
                open: No such file or directory

                """)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-dir/out"))
    }

    @Test("an element failing mid-stream exits 1 and leaves no partial output file")
    func failureMidStream() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("out.yuv")
        let output = try await LaunchProcess.run([
            "videotestsrc", "num-buffers=10", "!", "video/x-raw,format=I420,width=64,height=48", "!",
            "identity", "error-after=3", "!", "filesink", "location=\(path)",
        ])
        #expect(output.status == 1)
        #expect(output.stdout.contains("Setting pipeline to PLAYING ...\n"))
        #expect(!output.stdout.contains("Got EOS"))
        #expect(output.stderr == "ERROR: from element /pipeline0/identity0: Failed after iterations as requested.\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("no description is a usage error (ArgumentParser's exit 64)")
    func missingDescription() async throws {
        let output = try await LaunchProcess.run([])
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(
            output.stderr == """
                Error: Missing pipeline description.
                Usage: parallax-launch [-v] [-m] [-q] [-e] [--strict] [--dot | --graph-json] <description> ...
                       parallax-launch [--isolated | --isolate <pattern> ... | --group <name>=<id> ...] <description> ...
                       parallax-launch [--sandbox compute|network|files] <description> ...
                       parallax-launch [--plugin-path <dir> ...] [--trust-plugin-element <name> ...] <description> ...
                       parallax-launch --list-elements
                       parallax-launch --inspect <name>
                       parallax-launch deploy [--dry-run | --emit-systemd <dir>] [--set <var>=<value> ...] <file>
                  See 'parallax-launch --help' for more information.

                """)
    }

    @Test("--dot and --graph-json together are a usage error")
    func conflictingModes() async throws {
        let output = try await LaunchProcess.run(["--dot", "--graph-json", "fakesrc", "!", "fakesink"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("Error: --dot and --graph-json cannot be used together.\n"))
    }

    @Test("--help prints the usage, the options and the exit codes")
    func help() async throws {
        let output = try await LaunchProcess.run(["--help"])
        #expect(output.status == 0)
        #expect(
            output.stdout == """
                OVERVIEW: Build and run a Parallax pipeline from a gst-launch description.

                The description's words are joined with spaces and parsed as one string, so
                `parallax-launch "fakesrc ! fakesink"` and `parallax-launch fakesrc '!'
                fakesink` are the same.

                Exit status: 0 on success, 1 when an element fails at run time, 2 for an error
                in the description (syntax, elements, properties, formats) or an unknown
                --inspect name, 64 for a usage error, 130 when a second interrupt stopped the
                pipeline.

                Plugins are loaded from every --plugin-path and from PARALLAX_PLUGIN_PATH
                (directories separated by colons); each is validated in a sandboxed element
                host, and its elements run in sandboxed hosts unless trusted with
                --trust-plugin-element.

                USAGE: parallax-launch [-v] [-m] [-q] [-e] [--strict] [--dot | --graph-json] <description> ...
                       parallax-launch [--isolated | --isolate <pattern> ... | --group <name>=<id> ...] <description> ...
                       parallax-launch [--sandbox compute|network|files] <description> ...
                       parallax-launch [--plugin-path <dir> ...] [--trust-plugin-element <name> ...] <description> ...
                       parallax-launch --list-elements
                       parallax-launch --inspect <name>
                       parallax-launch deploy [--dry-run | --emit-systemd <dir>] [--set <var>=<value> ...] <file>

                ARGUMENTS:
                  <description>           The pipeline description.

                OPTIONS:
                  -v, --verbose           Print the caps negotiated on every link.
                  -m, --messages          Print the messages elements post on the bus (level,
                                          fpsdisplaysink).
                  -q, --quiet             Do not print the status lines (errors are still
                                          printed).
                  -e, --eos-on-shutdown   Send end-of-stream on the first interrupt and wait
                                          for it (the default; kept for gst-launch).
                  --strict                Fail instead of inserting converters where elements
                                          cannot agree on a format.
                  --list-elements         List every element factory and exit.
                  --inspect <name>        Describe one element factory and exit.
                  --dot                   Negotiate, print the pipeline as a Graphviz DOT graph
                                          and exit without running.
                  --graph-json            Negotiate, print the graph (inserted converters and
                                          caps included) as JSON and exit without running.
                  --isolated              Run every element in its own sandboxed element host.
                  --sandbox <profile>     Run elements in sandboxed hosts under this profile:
                                          compute, network (sockets, in the host's network) or
                                          files; alone, every element is isolated.
                  --isolate <pattern>     Run elements whose factory or name matches this shell
                                          pattern in sandboxed hosts (repeatable).
                  --group <name=id>       Run the named element in the host of group ID, shared
                                          with its other members (repeatable).
                  --plugin-path <dir>     Load the plugins (.so files) in this directory
                                          (repeatable).
                  --trust-plugin-element <name>
                                          Run this plugin element in this process instead of a
                                          sandboxed host (repeatable).
                  -h, --help              Show help information.


                """)
    }

    @Test("an unknown option is a usage error (exit 64)")
    func unknownOption() async throws {
        let output = try await LaunchProcess.run(["--bogus", "fakesrc", "!", "fakesink"])
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: parallax-launch [-v] [-m] [-q] [-e] "))
    }
}
