import Foundation
import Testing

/// `--dot`: the negotiated pipeline as Graphviz DOT.
@Suite("parallax-launch --dot")
struct GraphDotTests {
    static let description =
        "videotestsrc num-buffers=3 ! video/x-raw,format=I420,width=64,height=48 ! tee name=t "
        + "t. ! queue ! fakesink t. ! queue ! identity name=\"say \\\"hi\\\"\" ! fakesink"

    @Test("every element and every link with its negotiated caps")
    func elementsAndCaps() async throws {
        let output = try await LaunchProcess.run(["--dot", Self.description])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        let lines = output.stdoutLines
        #expect(lines.first == "digraph pipeline {")
        #expect(lines.last == "}")
        #expect(!output.stdout.contains("Setting pipeline"))
        #expect(
            lines.contains("  n0 [label=\"videotestsrc0\\n(videotestsrc)\\nnum-buffers=3\", fillcolor=\"#aaddff\"];"))
        #expect(lines.contains("  n1 [label=\"t\\n(tee)\", fillcolor=\"#aaffaa\"];"))
        #expect(lines.contains("  n3 [label=\"fakesink0\\n(fakesink)\", fillcolor=\"#ffccaa\"];"))
        #expect(lines.contains("  n5 [label=\"say \\\"hi\\\"\\n(identity)\", fillcolor=\"#aaffaa\"];"))
        let caps = "video/x-raw\\nformat=(string)I420\\nwidth=(int)64\\nheight=(int)48\\nframerate=(fraction)30/1"
        #expect(lines.contains("  n0 -> n1 [label=\"\(caps)\"];"))
        #expect(lines.contains("  n1 -> n2 [label=\"\(caps)\", taillabel=\"src_0\"];"))
        #expect(lines.contains("  n1 -> n4 [label=\"\(caps)\", taillabel=\"src_1\"];"))
        #expect(lines.filter { $0.contains(" -> ") }.count == 6)
        #expect(lines.filter { $0.hasPrefix("  n") && $0.contains(" [label=") && !$0.contains(" -> ") }.count == 7)
    }

    @Test("the DOT text is accepted by Graphviz when it is installed")
    func validForGraphviz() async throws {
        let dot = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let dot else {
            print("skipped: Graphviz `dot` is not installed")
            return
        }
        let output = try await LaunchProcess.run(["--dot", Self.description])
        #expect(output.status == 0)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let input = directory.path("graph.dot")
        try output.stdout.write(toFile: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dot)
        process.arguments = ["-Tsvg", input, "-o", directory.path("graph.svg")]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let svg = try String(contentsOfFile: directory.path("graph.svg"), encoding: .utf8)
        #expect(svg.contains("say &quot;hi&quot;"))
    }

    @Test("a negotiation failure under --dot exits 2 and prints no graph")
    func negotiationFailure() async throws {
        let output = try await LaunchProcess.run(["--dot", "videotestsrc ! video/x-raw,format=NOPE ! fakesink"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("error: could not link videotestsrc0 to fakesink0: no common format\n"))
    }
}
