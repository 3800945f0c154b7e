import Parallax
import Testing

@testable import parallax_launch

/// DOT escaping and caps labels, without a pipeline.
@Suite("GraphDot escaping")
struct GraphDotEscapingTests {
    @Test("quotes, backslashes and line breaks cannot end a DOT string early")
    func escaped() {
        #expect(GraphDot.escaped("a \"b\" \\ c\nd\r\ne\r") == "a \\\"b\\\" \\\\ c\\nd\\ne")
        #expect(GraphDot.label(["x", "y\"z"]) == "\"x\\ny\\\"z\"")
    }

    @Test("caps labels put each structure name and each field on a line")
    func capsLines() throws {
        let caps = try Caps(parsing: "video/x-raw(memory:DMABuf),width=64; audio/x-raw,rate=48000")
        #expect(
            GraphDot.lines(of: caps) == [
                "video/x-raw(memory:DMABuf)", "width=(int)64", "audio/x-raw", "rate=(int)48000",
            ])
        #expect(GraphDot.lines(of: .any) == ["ANY"])
        #expect(GraphDot.lines(of: .empty) == ["EMPTY"])
    }
}
