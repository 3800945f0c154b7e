import ParallaxCore
import ParallaxParse
import Testing

@Suite("FactoryValidator")
struct FactoryValidatorTests {
    @Test("an unknown element suggests the nearest factory")
    func unknownElement() {
        #expect(
            Launch.error("videotestsrcc ! fakesink") == """
                error: no element "videotestsrcc"
                 --> 1:1
                  |
                1 | videotestsrcc ! fakesink
                  | ^^^^^^^^^^^^^
                  = help: did you mean "videotestsrc"?
                """)
    }

    @Test("up to three suggestions, closest first")
    func threeSuggestions() {
        #expect(
            Launch.error("fakesrc ! fakesinc") == """
                error: no element "fakesinc"
                 --> 1:11
                  |
                1 | fakesrc ! fakesinc
                  |           ^^^^^^^^
                  = help: did you mean "fakesink", "fakesrc" or "filesink"?
                """)
    }

    @Test("no help when nothing is close")
    func noSuggestion() {
        #expect(
            Launch.error("fakesrc ! zzzz") == """
                error: no element "zzzz"
                 --> 1:11
                  |
                1 | fakesrc ! zzzz
                  |           ^^^^
                """)
    }
}
