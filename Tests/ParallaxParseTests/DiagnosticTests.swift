import ParallaxCore
import ParallaxParse
import Testing

@Suite("Diagnostic rendering")
struct DiagnosticTests {
    @Test("notes come before help, each on its own line")
    func notesAndHelp() {
        let diagnostic = Diagnostic(
            message: "something is off", span: SourceSpan(start: 4, length: 3), notes: ["first", "second"],
            help: "fix it")
        #expect(
            diagnostic.render(in: "abc defgh") == """
                error: something is off
                 --> 1:5
                  |
                1 | abc defgh
                  |     ^^^
                  = note: first
                  = note: second
                  = help: fix it
                """)
    }

    @Test("line numbers of several digits widen the margin")
    func wideMargin() {
        let source = String(repeating: "x\n", count: 11) + "fakesrc"
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: 22, length: 7), help: "h")
        #expect(
            diagnostic.render(in: source) == """
                error: m
                  --> 12:1
                   |
                12 | fakesrc
                   | ^^^^^^^
                   = help: h
                """)
    }

    @Test("a zero-length span at the end points one past the last character")
    func endOfInput() {
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: 3, length: 0))
        #expect(diagnostic.render(in: "abc") == "error: m\n --> 1:4\n  |\n1 | abc\n  |    ^")
    }

    @Test("columns count characters, not bytes")
    func multibyteColumns() {
        let source = "é → fakesrc"
        let start = "é → ".utf8.count
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: start, length: 7))
        #expect(diagnostic.render(in: source) == "error: m\n --> 1:5\n  |\n1 | é → fakesrc\n  |     ^^^^^^^")
    }

    @Test("tabs stay tabs under the line, so the carets line up")
    func tabs() {
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: 2, length: 1))
        #expect(diagnostic.render(in: "a\tb") == "error: m\n --> 1:3\n  |\n1 | a\tb\n  |  \t^")
    }

    @Test("a span over several lines is underlined to the end of its first line")
    func multilineSpan() {
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: 4, length: 6))
        #expect(diagnostic.render(in: "abc def\r\nghi") == "error: m\n --> 1:5\n  |\n1 | abc def\n  |     ^^^")
    }

    @Test("spans outside the source are clamped")
    func clamped() {
        let diagnostic = Diagnostic(message: "m", span: SourceSpan(start: 40, length: 2))
        #expect(diagnostic.render(in: "ab") == "error: m\n --> 1:3\n  |\n1 | ab\n  |   ^")
    }
}
