import ParallaxCore
import ParallaxParse
import Testing

@Suite("CapsFilterValidator")
struct CapsFilterValidatorTests {
    @Test("an unterminated list points at its brace")
    func unterminatedList() {
        #expect(
            Launch.error("fakesrc ! video/x-raw,format={ I420, NV12 ! fakesink") == """
                error: malformed caps filter: unterminated list (missing '}')
                 --> 1:30
                  |
                1 | fakesrc ! video/x-raw,format={ I420, NV12 ! fakesink
                  |                              ^
                """)
    }

    @Test("an unterminated range points at its bracket")
    func unterminatedRange() {
        #expect(
            Launch.error("fakesrc ! video/x-raw,width=[ 16, 4096 ! fakesink") == """
                error: malformed caps filter: unterminated range (missing ']')
                 --> 1:29
                  |
                1 | fakesrc ! video/x-raw,width=[ 16, 4096 ! fakesink
                  |                             ^
                """)
    }

    @Test("the caret accounts for quotes and escapes before the error")
    func caretThroughEscapes() {
        #expect(
            Launch.error(#"fakesrc ! "video/x-raw, format=\"I420\", width=[ 1, x ]" ! fakesink"#) == #"""
                error: malformed caps filter: range bound 'x' for field 'width' is not an int, double or fraction
                 --> 1:53
                  |
                1 | fakesrc ! "video/x-raw, format=\"I420\", width=[ 1, x ]" ! fakesink
                  |                                                     ^
                """#)
    }

    @Test("a missing value points where it should be, on the right line")
    func missingValueOnSecondLine() {
        #expect(
            Launch.error("fakesrc\n  ! video/x-raw,\n    width= ! fakesink") == """
                error: malformed caps filter: expected value for field 'width'
                 --> 3:11
                  |
                3 |     width= ! fakesink
                  |           ^
                """)
    }

    @Test("quoted caps filters are accepted (GStreamer's gst_parse_launch rejects them)")
    func quotedCaps() throws {
        #expect(
            try Launch.graph("fakesrc ! \"video/x-raw, format=(string)I420\" ! fakesink")
                == [
                    "fakesrc0: fakesrc", "fakesink0: fakesink",
                    "fakesrc0.src -> fakesink0.sink [video/x-raw, format=(string)I420]",
                ])
        #expect(
            try Launch.graph("fakesrc ! 'video/x-raw, width=[ 16, 64 ]' ! fakesink")
                == [
                    "fakesrc0: fakesrc", "fakesink0: fakesink",
                    "fakesrc0.src -> fakesink0.sink [video/x-raw, width=(int)[ 16, 64 ]]",
                ])
    }
}
