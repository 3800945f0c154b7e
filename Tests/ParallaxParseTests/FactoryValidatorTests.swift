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

    @Test("an element the build left out names the package trait that brings it in")
    func leftOutByTrait() throws {
        var registry = Fixtures.registry
        registry.recordLeftOut("av1dec", trait: "AV1")
        let error = #expect(throws: LaunchError.self) {
            try LaunchParser(registry: registry).parse("fakesrc ! av1dec ! fakesink")
        }
        #expect(
            error?.description == """
                error: no element "av1dec"
                 --> 1:11
                  |
                1 | fakesrc ! av1dec ! fakesink
                  |           ^^^^^^
                  = help: this build of Parallax leaves it out; build with the package trait "AV1" to have it
                """)
    }

    @Test("a registration after the record wins over it")
    func registeredAfterLeftOut() {
        var registry = ElementRegistry()
        registry.recordLeftOut("fakesink", trait: "Network")
        registry.register(FakeSinkFixture.self)
        #expect(registry.traitLeavingOut("fakesink") == nil)
        #expect(registry.traitLeavingOut("udpsrc") == nil)
    }
}
