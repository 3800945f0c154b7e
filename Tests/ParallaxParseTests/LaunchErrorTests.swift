import ParallaxCore
import ParallaxParse
import Testing

@Suite("LaunchError")
struct LaunchErrorTests {
    @Test("description is the diagnostic rendered against the source")
    func description() {
        let diagnostic = Diagnostic(message: "no element \"x\"", span: SourceSpan(start: 0, length: 1))
        let error = LaunchError(diagnostic: diagnostic, source: "x ! fakesink")
        #expect(error.description == diagnostic.render(in: "x ! fakesink"))
        #expect(error.description == "error: no element \"x\"\n --> 1:1\n  |\n1 | x ! fakesink\n  | ^")
    }

    @Test("the parser throws the earliest problem in the text, carrying the source")
    func earliestProblemWins() throws {
        let source = "fakesrc num-buffers=x ! fakesinkk ! y."
        let error = try #require(throws: LaunchError.self) { try Fixtures.parser.parse(source) }
        #expect(error.source == source)
        #expect(error.diagnostic.message.hasPrefix("invalid value \"x\" for property \"num-buffers\""))
        #expect(error.diagnostic.span == SourceSpan(start: 20, length: 1))
    }

    @Test("a syntax error is reported before any other problem")
    func syntaxFirst() {
        #expect(Launch.diagnostic("fakesrcc ! fakesink !")?.message == "\"!\" has nothing after it")
    }
}
