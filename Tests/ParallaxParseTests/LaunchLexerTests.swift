import ParallaxCore
import ParallaxParse
import Testing

/// Token-level errors: quoting, unsupported constructs and characters that start no token.
@Suite("LaunchLexer")
struct LaunchLexerTests {
    @Test("an unterminated quote is an error, not a literal quote as in GStreamer")
    func unterminatedQuote() {
        #expect(
            Launch.error("fakesrc name=\"abc ! fakesink") == """
                error: unterminated quoted string
                 --> 1:14
                  |
                1 | fakesrc name="abc ! fakesink
                  |              ^
                  = help: close the string with '"'
                """)
    }

    @Test("text glued to a closing quote is an error")
    func textAfterQuotedValue() {
        #expect(
            Launch.error("filesrc location=\"a\"b ! fakesink") == """
                error: unexpected text after the quoted value of "location"
                 --> 1:21
                  |
                1 | filesrc location="a"b ! fakesink
                  |                     ^
                  = help: put a space after the closing quote
                """)
    }

    @Test("a property with no value points past the end of the input")
    func missingValue() {
        #expect(
            Launch.error("fakesrc num-buffers=") == """
                error: expected a value for property "num-buffers" after "="
                 --> 1:21
                  |
                1 | fakesrc num-buffers=
                  |                     ^
                  = help: write a value, or quote an empty one: num-buffers=""
                """)
    }

    @Test("a caps filter needs a \"!\" after it")
    func capsWithNothingAfter() {
        #expect(
            Launch.error("videotestsrc ! video/x-raw,width=320") == """
                error: caps filter "video/x-raw,width=320" has nothing after it
                 --> 1:16
                  |
                1 | videotestsrc ! video/x-raw,width=320
                  |                ^^^^^^^^^^^^^^^^^^^^^
                  = help: a caps filter goes between two elements: "a ! video/x-raw,width=320 ! b"
                """)
        #expect(
            Launch.error("fakesrc ! \"video/x-raw\" fakesink") == """
                error: expected "!" after the caps filter
                 --> 1:25
                  |
                1 | fakesrc ! "video/x-raw" fakesink
                  |                         ^^^^^^^^
                  = help: a caps filter goes between two elements: "a ! video/x-raw ! b"
                """)
    }

    @Test("text from the description is escaped in messages, which stay on one line")
    func lineBreaksInMessages() {
        #expect(
            Launch.error("fakesrc ! video/x-raw,\n  width=320") == #"""
                error: caps filter "video/x-raw,\n  width=320" has nothing after it
                 --> 1:11
                  |
                1 | fakesrc ! video/x-raw,
                  |           ^^^^^^^^^^^^
                  = help: a caps filter goes between two elements: "a ! video/x-raw,\n  width=320 ! b"
                """#)
    }

    @Test("a caps filter needs something before it")
    func capsWithNothingBefore() {
        #expect(
            Launch.error("video/x-raw,width=320 ! fakesink") == """
                error: caps filter "video/x-raw,width=320" has nothing before it
                 --> 1:1
                  |
                1 | video/x-raw,width=320 ! fakesink
                  | ^^^^^^^^^^^^^^^^^^^^^
                  = help: a caps filter goes between two elements: "a ! video/x-raw ! b"
                """)
    }

    @Test("an unterminated string inside a caps filter")
    func unterminatedStringInCaps() {
        #expect(
            Launch.error("fakesrc ! video/x-raw,format=\"I420 ! fakesink") == """
                error: unterminated quoted string in caps filter
                 --> 1:30
                  |
                1 | fakesrc ! video/x-raw,format="I420 ! fakesink
                  |                              ^
                  = help: close the string with '"'
                """)
    }

    @Test("bins are rejected")
    func bins() {
        #expect(
            Launch.error("fakesrc ! ( identity ! queue ) ! fakesink") == """
                error: bins "( ... )" are not supported
                 --> 1:11
                  |
                1 | fakesrc ! ( identity ! queue ) ! fakesink
                  |           ^
                  = help: write the elements of the bin directly in the description
                """)
        #expect(Launch.diagnostic("bin.( fakesrc )")?.message == "bins \"bin.( ... )\" are not supported")
    }

    @Test("URIs are rejected")
    func uris() {
        #expect(
            Launch.error("file:///tmp/in.raw ! fakesink") == """
                error: URIs are not supported ("file://...")
                 --> 1:1
                  |
                1 | file:///tmp/in.raw ! fakesink
                  | ^^^^^^^^^^^^^^^^^^
                  = help: use an element with a location property, e.g. "filesrc location=..."
                """)
    }

    @Test("a pad property on an element without request pads names the element's pads")
    func padPropertiesNeedRequestPads() {
        #expect(
            Launch.error("fakesrc ! fakesink sink_0::xpos=10") == """
                error: no property "sink_0::xpos" in element "fakesink"
                 --> 1:20
                  |
                1 | fakesrc ! fakesink sink_0::xpos=10
                  |                    ^^^^^^^^^^^^
                  = note: fakesink has no request pads, so no pad properties
                """)
    }

    @Test("link-all, pad lists and presets are rejected")
    func otherUnsupportedSyntax() {
        #expect(Launch.diagnostic("fakesrc : fakesink")?.message == "the link-all operator \":\" is not supported")
        #expect(Launch.diagnostic("fakesrc : fakesink")?.span == SourceSpan(start: 8, length: 1))
        #expect(
            Launch.error("tee name=t t.src_0,src_1 ! fakesink") == """
                error: pad lists ("t.src_0,...") are not supported
                 --> 1:19
                  |
                1 | tee name=t t.src_0,src_1 ! fakesink
                  |                   ^
                  = help: link each pad in its own chain: "t.pad1 ! ...  t.pad2 ! ..."
                """)
        #expect(Launch.diagnostic("x264enc @preset=fast")?.message == "presets (\"@preset=...\") are not supported")
    }

    @Test("characters that start no token")
    func unexpectedCharacters() {
        #expect(
            Launch.error("fakesrc ! fakesink # sink") == """
                error: unexpected character "#"
                 --> 1:20
                  |
                1 | fakesrc ! fakesink # sink
                  |                    ^
                  = help: launch descriptions have no comments
                """)
        #expect(
            Launch.error("fakesrc → fakesink") == """
                error: unexpected character "→"
                 --> 1:9
                  |
                1 | fakesrc → fakesink
                  |         ^
                """)
        #expect(Launch.diagnostic("fakesrc \u{1} fakesink")?.message == "unexpected character U+0001")
        #expect(
            Launch.error("fakesrc ! /dev/null") == """
                error: unexpected character "/"
                 --> 1:11
                  |
                1 | fakesrc ! /dev/null
                  |           ^^^^^^^^^
                  = help: a file path goes in a property, e.g. "filesrc location=/path/to/file"
                """)
        #expect(Launch.diagnostic("fakesrc \"abc\" ! fakesink")?.message == "unexpected quoted text")
    }

    @Test("quotes and escapes in values")
    func quotingAndEscapes() throws {
        #expect(
            try Launch.graph(#"filesrc location="a \"b\" ! c" ! fakesink"#)
                == [
                    "filesrc0: filesrc location=(string)\"a \"b\" ! c\"", "fakesink0: fakesink",
                    "filesrc0.src -> fakesink0.sink",
                ])
        // An unquoted value runs to the next space, "!" included, as in GStreamer.
        #expect(try Launch.graph("filesrc location=a!b") == ["filesrc0: filesrc location=(string)\"a!b\""])
        #expect(try Launch.graph(#"filesrc location=a"b"#) == [#"filesrc0: filesrc location=(string)"a"b""#])
        #expect(try Launch.graph(#"filesrc location=\\\ \"x"#) == [#"filesrc0: filesrc location=(string)"\ "x""#])
        #expect(try Launch.graph(#"filesrc location="""#) == [#"filesrc0: filesrc location=(string)"""#])
    }
}
