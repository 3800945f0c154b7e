import Foundation
import Testing

/// What `parallax-launch` shows of negotiation: inserted converters with `-v`, `--dot` and `--graph-json`,
/// and `--strict`, which fails (exit 2) where a converter would be needed.
@Suite("parallax-launch and negotiation")
struct NegotiationCLITests {
    static let needsConverter =
        "videotestsrc num-buffers=2 ! video/x-raw,format=I420,width=64,height=48 ! identity ! video/x-raw,format=RGBA ! fakesink"

    @Test("-v announces the inserted converter and prints the caps on both of its sides")
    func verbose() async throws {
        let output = try await LaunchProcess.run(["-v", Self.needsConverter])
        #expect(output.status == 0)
        let lines = output.stdoutLines
        let i420 = "video/x-raw, format=(string)I420, width=(int)64, height=(int)48, framerate=(fraction)30/1"
        let rgba = "video/x-raw, format=(string)RGBA, width=(int)64, height=(int)48, framerate=(fraction)30/1"
        #expect(lines.contains("/pipeline0/videoconvert0: inserted between videotestsrc0 and identity0"))
        #expect(lines.contains("/pipeline0/videoconvert0.sink: caps = \(i420)"))
        #expect(lines.contains("/pipeline0/videoconvert0.src: caps = \(rgba)"))
        #expect(lines.contains("/pipeline0/fakesink0.sink: caps = \(rgba)"))
        #expect(lines.contains("Got EOS from pipeline."))
    }

    @Test("--strict fails with exit 2 and names the converter to insert")
    func strict() async throws {
        let output = try await LaunchProcess.run(["--strict", Self.needsConverter])
        #expect(output.status == 2)
        let lines = output.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: could not link videotestsrc0 to identity0: no common format")
        #expect(lines.last == "  = help: insert videoconvert after the caps filter (strict negotiation inserts no converters)")
    }

    @Test("--strict changes nothing where the elements agree")
    func strictAgreeing() async throws {
        let output = try await LaunchProcess.run(["--strict", "-q", "videotestsrc num-buffers=1 ! fakesink"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
    }

    @Test("--dot draws the inserted converter dashed and labelled, with caps on every link")
    func dot() async throws {
        let output = try await LaunchProcess.run(["--dot", Self.needsConverter])
        #expect(output.status == 0)
        let lines = output.stdoutLines
        #expect(lines.contains(
            "  n3 [label=\"videoconvert0\\n(videoconvert)\\ninserted\", fillcolor=\"#aaffaa\", style=\"filled,rounded,dashed\"];"))
        #expect(lines.contains { $0.hasPrefix("  n0 -> n3 [label=\"video/x-raw\\nformat=(string)I420") })
        #expect(lines.contains { $0.hasPrefix("  n3 -> n1 [label=\"video/x-raw\\nformat=(string)RGBA") })
        #expect(lines.filter { $0.contains(" -> ") }.count == 3)
    }

    @Test("--graph-json lists the inserted converter and the negotiated caps of every link")
    func graphJSON() async throws {
        let output = try await LaunchProcess.run(["--graph-json", Self.needsConverter])
        #expect(output.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let elements = try #require(json["elements"] as? [[String: Any]])
        #expect(elements.map { $0["name"] as? String } == ["videotestsrc0", "identity0", "fakesink0", "videoconvert0"])
        let inserted = try #require(elements.last?["inserted"] as? [String: String])
        #expect(inserted == ["upstream": "videotestsrc0", "downstream": "identity0"])
        #expect(elements.dropLast().allSatisfy { $0["inserted"] == nil })
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.map { "\($0["src"]!)>\($0["sink"]!)" }
            == ["videotestsrc0:src>videoconvert0:sink", "videoconvert0:src>identity0:sink", "identity0:src>fakesink0:sink"])
        #expect(links.map { ($0["negotiated"] as? String)?.contains("format=(string)RGBA") } == [false, true, true])
    }

    @Test("--graph-json of a description that cannot negotiate is the diagnostic, exit 2")
    func graphJSONFailure() async throws {
        let output = try await LaunchProcess.run(["--graph-json", "videotestsrc ! video/x-raw,width=0 ! fakesink"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr.hasSuffix("  = help: width=0 is outside videotestsrc's range [1, 2147483647]\n"))
    }

    @Test("a frame too large to allocate is refused with an element error (exit 1), not a crash")
    func hugeFrame() async throws {
        let output = try await LaunchProcess.run(["-q", "videotestsrc num-buffers=1 ! video/x-raw,width=200000,height=200000 ! fakesink"])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("ERROR: from element /pipeline0/videotestsrc0: videotestsrc cannot produce this format.\n"))
    }
}
