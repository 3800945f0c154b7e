import ParallaxCore
import ParallaxParse
import Testing

@Suite("PadValidator")
struct PadValidatorTests {
    @Test("a request pad named twice")
    func requestPadLinkedTwice() {
        #expect(
            Launch.error("fakesrc ! tee name=t  t.src_0 ! queue ! fakesink  t.src_0 ! fakesink") == """
                error: pad "t.src_0" is already linked
                 --> 1:53
                  |
                1 | fakesrc ! tee name=t  t.src_0 ! queue ! fakesink  t.src_0 ! fakesink
                  |                                                     ^^^^^
                  = note: "t.src_0" is first linked at 1:31
                  = help: leave out the pad name to get the next src_%u pad
                """)
    }

    @Test("an always pad used twice")
    func alwaysPadLinkedTwice() {
        #expect(
            Launch.error("fakesrc name=s  s. ! fakesink  s. ! fakesink") == """
                error: pad "s.src" is already linked
                 --> 1:32
                  |
                1 | fakesrc name=s  s. ! fakesink  s. ! fakesink
                  |                                ^^
                  = note: "s.src" is first linked at 1:20
                  = help: to feed several branches from one pad, link it to a tee
                """)
        #expect(
            Launch.diagnostic("fakesrc ! fakesink name=k  fakesrc ! k.")?.message == "pad \"k.sink\" is already linked")
    }

    @Test("linking out of a sink")
    func outOfSink() {
        #expect(
            Launch.error("fakesrc ! fakesink ! identity") == """
                error: cannot link from "fakesink0": fakesink has no src pads
                 --> 1:11
                  |
                1 | fakesrc ! fakesink ! identity
                  |           ^^^^^^^^
                  = help: a sink can only end a chain
                """)
    }

    @Test("linking into a source")
    func intoSource() {
        #expect(
            Launch.error("fakesrc ! videotestsrc") == """
                error: cannot link into "videotestsrc0": videotestsrc has no sink pads
                 --> 1:11
                  |
                1 | fakesrc ! videotestsrc
                  |           ^^^^^^^^^^^^
                  = help: a source can only start a chain
                """)
    }

    @Test("a pad the element does not have")
    func unknownPad() {
        #expect(
            Launch.error("fakesrc ! mux.sink_0  matroskamux name=mux ! fakesink") == """
                error: element "mux" has no pad "sink_0"
                 --> 1:15
                  |
                1 | fakesrc ! mux.sink_0  matroskamux name=mux ! fakesink
                  |               ^^^^^^
                  = note: matroskamux has pads: video_%u (request), audio_%u (request), subtitle_%u (request), src
                """)
    }

    @Test("a pad of the wrong direction")
    func wrongDirection() {
        #expect(
            Launch.error("tee name=t  t.sink ! fakesink") == """
                error: cannot link from sink pad "t.sink"
                 --> 1:15
                  |
                1 | tee name=t  t.sink ! fakesink
                  |               ^^^^
                  = help: data leaves an element through a src pad
                """)
        #expect(Launch.diagnostic("fakesrc ! t.src_0  tee name=t")?.message == "cannot link into src pad \"t.src_0\"")
    }
}
