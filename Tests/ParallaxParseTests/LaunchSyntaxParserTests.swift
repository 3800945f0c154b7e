import ParallaxCore
import ParallaxParse
import Testing

/// Chain-level errors: empty descriptions, misplaced "!", references and pad references.
@Suite("LaunchSyntaxParser")
struct LaunchSyntaxParserTests {
    @Test("an empty description")
    func empty() {
        let expected = """
            error: empty pipeline description
             --> 1:1
              |
            1 |
              | ^
              = help: describe a pipeline, e.g. "videotestsrc ! fakesink"
            """
        #expect(Launch.error("") == expected)
        #expect(
            Launch.error(" \n ") == """
                error: empty pipeline description
                 --> 1:1
                  |
                1 | \u{20}
                  | ^
                  = help: describe a pipeline, e.g. "videotestsrc ! fakesink"
                """)
    }

    @Test("\"!\" with nothing before it")
    func linkWithNothingBefore() {
        #expect(
            Launch.error("! fakesink") == """
                error: "!" has nothing before it
                 --> 1:1
                  |
                1 | ! fakesink
                  | ^
                  = help: a link goes between two elements: "a ! b"
                """)
    }

    @Test("\"!\" with nothing after it")
    func linkWithNothingAfter() {
        #expect(
            Launch.error("fakesrc ! identity !") == """
                error: "!" has nothing after it
                 --> 1:20
                  |
                1 | fakesrc ! identity !
                  |                    ^
                  = help: a link goes between two elements: "a ! b"
                """)
        #expect(Launch.diagnostic("fakesrc ! video/x-raw !")?.span == SourceSpan(start: 22, length: 1))
    }

    @Test("two \"!\" in a row")
    func twoLinks() {
        #expect(
            Launch.error("fakesrc ! ! fakesink") == """
                error: two "!" in a row
                 --> 1:9
                  |
                1 | fakesrc ! ! fakesink
                  |         ^^^
                  = help: remove one "!", or put an element between them
                """)
        #expect(Launch.diagnostic("fakesrc ! video/x-raw ! ! fakesink")?.span == SourceSpan(start: 22, length: 3))
    }

    @Test("a reference that links nothing")
    func loneReference() {
        #expect(
            Launch.error("tee name=t  t.") == """
                error: reference "t." is not linked to anything
                 --> 1:13
                  |
                1 | tee name=t  t.
                  |             ^^
                  = help: link it, e.g. "t. ! queue ! fakesink"
                """)
    }

    @Test("a reference inside a chain, which GStreamer also rejects")
    func referenceInsideChain() {
        #expect(
            Launch.error("fakesrc ! t. ! fakesink  tee name=t") == """
                error: cannot link onward from reference "t." in the same chain
                 --> 1:14
                  |
                1 | fakesrc ! t. ! fakesink  tee name=t
                  |              ^
                  = help: a reference ends its chain; start a new one from it: "t. ! ..."
                """)
    }

    @Test("pad references out of place")
    func padReferences() {
        #expect(
            Launch.error("fakesrc .src") == """
                error: pad reference ".src" is not linked
                 --> 1:9
                  |
                1 | fakesrc .src
                  |         ^^^^
                  = help: link from it: "a .src ! b"
                """)
        #expect(
            Launch.diagnostic("fakesrc ! .sink")?.message == "pad reference \".sink\" must be followed by an element")
        #expect(Launch.diagnostic(".src ! fakesink")?.message == "pad reference \".src\" has no element")
    }

    @Test("a property with no element")
    func strayAssignment() {
        #expect(
            Launch.error("fakesrc ! name=sink") == """
                error: property "name" is not set on any element
                 --> 1:11
                  |
                1 | fakesrc ! name=sink
                  |           ^^^^^^^^^
                  = help: write it after the element it belongs to: "element name=sink"
                """)
    }
}
