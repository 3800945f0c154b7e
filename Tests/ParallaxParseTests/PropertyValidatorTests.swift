import ParallaxCore
import ParallaxParse
import Testing

@Suite("PropertyValidator")
struct PropertyValidatorTests {
    @Test("an unknown property lists the element's properties and suggests the nearest")
    func unknownProperty() {
        #expect(
            Launch.error("fakesrc ! tee has-chian=false ! fakesink") == """
                error: no property "has-chian" in element "tee"
                 --> 1:15
                  |
                1 | fakesrc ! tee has-chian=false ! fakesink
                  |               ^^^^^^^^^
                  = note: tee has properties: allow-not-linked, has-chain, pull-mode, silent
                  = help: did you mean "has-chain"?
                """)
    }

    @Test("a value that is not an integer in range")
    func badInteger() {
        #expect(
            Launch.error("fakesrc num-buffers=abc ! fakesink") == """
                error: invalid value "abc" for property "num-buffers" of fakesrc: expected an integer in -1...2147483647
                 --> 1:21
                  |
                1 | fakesrc num-buffers=abc ! fakesink
                  |                     ^^^
                """)
        #expect(
            Launch.diagnostic("queue max-size-buffers=-1 ! fakesink")?.message
                == "invalid value \"-1\" for property \"max-size-buffers\" of queue: expected an unsigned integer in "
                + "0...4294967295")
        #expect(
            Launch.diagnostic("fakesrc is-live=maybe")?.message
                == "invalid value \"maybe\" for property \"is-live\" of fakesrc: expected a boolean (true or false)")
    }

    @Test("a fraction out of range")
    func badFraction() {
        #expect(
            Launch.error("filesrc ! rawvideoparse pixel-aspect-ratio=1/0 ! fakesink") == """
                error: invalid value "1/0" for property "pixel-aspect-ratio" of rawvideoparse: \
                expected a fraction in 1/100...100/1
                 --> 1:44
                  |
                1 | filesrc ! rawvideoparse pixel-aspect-ratio=1/0 ! fakesink
                  |                                            ^^^
                """)
    }

    @Test("an enumeration value suggests the nearest nick")
    func badEnumeration() {
        #expect(
            Launch.error("queue leaky=downstrem ! fakesink") == """
                error: invalid value "downstrem" for property "leaky" of queue: expected one of no, upstream, downstream
                 --> 1:13
                  |
                1 | queue leaky=downstrem ! fakesink
                  |             ^^^^^^^^^
                  = help: did you mean "downstream"?
                """)
    }

    @Test("a \"!\" glued to a value explains why")
    func bangInsideValue() {
        #expect(
            Launch.error("fakesrc num-buffers=1!fakesink") == """
                error: invalid value "1!fakesink" for property "num-buffers" of fakesrc: \
                expected an integer in -1...2147483647
                 --> 1:21
                  |
                1 | fakesrc num-buffers=1!fakesink
                  |                     ^^^^^^^^^^
                  = help: "!" written without a space before it is part of the value; put a space before "!" to link
                """)
    }

    @Test("a caps value points at the offending byte")
    func badCapsValue() {
        #expect(
            Launch.error("fakesrc ! capsfilter caps=\"video/x-raw, width=[ 1, 2\" ! fakesink") == """
                error: invalid value "video/x-raw, width=[ 1, 2" for property "caps" of capsfilter: \
                expected caps: unterminated range (missing ']')
                 --> 1:47
                  |
                1 | fakesrc ! capsfilter caps="video/x-raw, width=[ 1, 2" ! fakesink
                  |                                               ^
                """)
    }

    @Test("settings keep their order, repeats included, with spans and text as written")
    func settings() throws {
        let source = "fakesrc num-buffers=3 num_buffers = 0x10 pattern=\"a b\""
        let graph = try Fixtures.parser.parse(source)
        let settings = graph.nodes[0].properties
        #expect(settings.map(\.name) == ["num-buffers", "num-buffers", "pattern"])
        #expect(settings.map(\.value) == [.int(3), .int(16), .string("a b")])
        #expect(settings.map(\.text) == ["3", "0x10", "\"a b\""])
        #expect(
            settings.map { Launch.text($0.span, in: source) } == [
                "num-buffers=3", "num_buffers = 0x10", "pattern=\"a b\"",
            ])
    }

    @Test("name is the node's name, not a property")
    func nameIsNotAProperty() throws {
        let graph = try Fixtures.parser.parse("fakesrc name=src num-buffers=1")
        #expect(graph.nodes[0].name == "src")
        #expect(graph.nodes[0].properties.map(\.name) == ["num-buffers"])
    }
}
