import Testing

@testable import parallax_launch

@Suite struct EntryTests {
    @Test func plainRunFlagsAndWordsAreRecognised() throws {
        let plain = try #require(PlainInvocation(arguments: ["-v", "fakesrc", "!", "fakesink", "-q", "-e"]))
        #expect(plain.verbose && plain.quiet)
        #expect(plain.words == ["fakesrc", "!", "fakesink"])
        #expect(plain.mode == .run)
        #expect(PlainInvocation(arguments: ["--graph-json", "fakesrc"])?.mode == .graphJSON)
        #expect(PlainInvocation(arguments: ["fakesrc", "--dot"])?.mode == .dot)
    }

    @Test func everythingElseGoesToTheArgumentParser() {
        #expect(PlainInvocation(arguments: []) == nil)
        #expect(PlainInvocation(arguments: ["-v"]) == nil)
        #expect(PlainInvocation(arguments: ["--help"]) == nil)
        #expect(PlainInvocation(arguments: ["--inspect", "fakesrc"]) == nil)
        #expect(PlainInvocation(arguments: ["--list-elements"]) == nil)
        #expect(PlainInvocation(arguments: ["--dot", "--graph-json", "fakesrc"]) == nil)
        #expect(PlainInvocation(arguments: ["-x", "fakesrc"]) == nil)
    }
}
