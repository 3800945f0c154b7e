import ParallaxCore
import ParallaxParse
import Testing

@Suite("ReferenceValidator")
struct ReferenceValidatorTests {
    @Test("a reference to a name no element has suggests the nearest names")
    func danglingWithSuggestion() {
        #expect(
            Launch.error("videotestsrc ! tee name=tee1  te. ! fakesink") == """
                error: no element named "te"
                 --> 1:31
                  |
                1 | videotestsrc ! tee name=tee1  te. ! fakesink
                  |                               ^^^
                  = help: did you mean "tee1"?
                """)
    }

    @Test("with nothing close, the note lists the names")
    func danglingWithoutSuggestion() {
        #expect(
            Launch.error("fakesrc ! x.") == """
                error: no element named "x"
                 --> 1:11
                  |
                1 | fakesrc ! x.
                  |           ^^
                  = note: the elements are named "fakesrc0"
                  = help: give the element a name with name=x
                """)
    }

    @Test("references resolve to elements written later, and to automatic names")
    func forwardAndAutomatic() throws {
        #expect(
            try Launch.graph("identity0. ! fakesink  fakesrc ! identity")
                == [
                    "fakesink0: fakesink", "fakesrc0: fakesrc", "identity0: identity",
                    "identity0.src -> fakesink0.sink",
                    "fakesrc0.src -> identity0.sink",
                ])
    }
}
