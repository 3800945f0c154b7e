import ParallaxCore
import Testing

@testable import ParallaxParse

@Suite("NameValidator")
struct NameValidatorTests {
    @Test("a name given to two elements")
    func duplicateName() {
        #expect(
            Launch.error("fakesrc name=a ! identity name=a ! fakesink") == """
                error: duplicate element name "a"
                 --> 1:32
                  |
                1 | fakesrc name=a ! identity name=a ! fakesink
                  |                                ^
                  = note: "a" is first given to fakesrc at 1:14
                  = help: element names must be unique; rename one of them
                """)
    }

    @Test("an empty name and a second name")
    func badNames() {
        #expect(
            Launch.error("fakesrc name=\"\" ! fakesink") == """
                error: element name cannot be empty
                 --> 1:14
                  |
                1 | fakesrc name="" ! fakesink
                  |              ^^
                  = help: leave out name= to get an automatic name
                """)
        #expect(
            Launch.diagnostic("fakesrc name=a name=b ! fakesink")?.message
                == "element is named twice (\"a\", then \"b\")")
    }

    @Test("automatic names count per factory and skip names that are taken")
    func automaticNames() throws {
        #expect(
            try Launch.graph("fakesrc ! queue ! queue name=queue1 ! queue ! fakesink")
                == [
                    "fakesrc0: fakesrc", "queue0: queue", "queue1: queue", "queue2: queue", "fakesink0: fakesink",
                    "fakesrc0.src -> queue0.sink", "queue0.src -> queue1.sink", "queue1.src -> queue2.sink",
                    "queue2.src -> fakesink0.sink",
                ])
        // GStreamer names the first fakesink fakesink0 too and then fails to add the second one; Parallax skips
        // the taken name (docs/launch-syntax.md, "Differences").
        #expect(
            try Launch.graph("fakesink name=fakesink0  fakesrc ! fakesink")
                == [
                    "fakesink0: fakesink", "fakesrc0: fakesrc", "fakesink1: fakesink", "fakesrc0.src -> fakesink1.sink",
                ])
    }

    @Test("a factory ending in a digit gets a dash, as in GStreamer (queue2-0)")
    func digitSuffix() {
        #expect(NameValidator.automaticName(factory: "queue2", number: 0) == "queue2-0")
        #expect(NameValidator.automaticName(factory: "queue", number: 3) == "queue3")
    }
}
