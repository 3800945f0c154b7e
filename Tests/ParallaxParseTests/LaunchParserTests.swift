import ParallaxCore
import ParallaxParse
import Testing

/// A description and the graph it must produce, as `Launch.summary` lines.
struct GrammarCase: Sendable, CustomTestStringConvertible {
    var description: String
    var expected: [String]
    var testDescription: String { description.debugDescription }

    init(_ description: String, _ expected: [String]) {
        self.description = description
        self.expected = expected
    }
}

/// Descriptions and the graphs they lower to. Unless marked, each expectation was checked against
/// GStreamer 1.22's own parser (`gst_parse_launch`, capsfilter elements folded back into link caps):
/// the same elements, names, properties, links and pads.
@Suite("LaunchParser: grammar")
struct LaunchParserTests {
    static let gstreamerCases: [GrammarCase] = [
        GrammarCase(
            "fakesrc ! fakesink", ["fakesrc0: fakesrc", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc ! identity ! fakesink",
            [
                "fakesrc0: fakesrc", "identity0: identity", "fakesink0: fakesink", "fakesrc0.src -> identity0.sink",
                "identity0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc ! fakesink  fakesrc ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink", "fakesrc1: fakesrc", "fakesink1: fakesink",
                "fakesrc0.src -> fakesink0.sink", "fakesrc1.src -> fakesink1.sink",
            ]),
        GrammarCase("fakesrc", ["fakesrc0: fakesrc"]),
        GrammarCase("fakesrc fakesink", ["fakesrc0: fakesrc", "fakesink0: fakesink"]),
        GrammarCase(
            "fakesrc!fakesink", ["fakesrc0: fakesrc", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc\n  ! identity\n  ! fakesink",
            [
                "fakesrc0: fakesrc", "identity0: identity", "fakesink0: fakesink", "fakesrc0.src -> identity0.sink",
                "identity0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc num-buffers=3 ! fakesink",
            ["fakesrc0: fakesrc num-buffers=(int)3", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc num-buffers = 3 sizetype=fixed ! fakesink sync=true",
            [
                "fakesrc0: fakesrc num-buffers=(int)3 sizetype=(enum)fixed", "fakesink0: fakesink sync=(bool)true",
                "fakesrc0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc num-buffers=0x10 ! fakesink",
            ["fakesrc0: fakesrc num-buffers=(int)16", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc num_buffers=3 ! fakesink",
            ["fakesrc0: fakesrc num-buffers=(int)3", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc sizetype=2 filltype=pattern-span ! fakesink",
            [
                "fakesrc0: fakesrc sizetype=(enum)fixed filltype=(enum)pattern-span", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc is-live=TRUE silent=no ! fakesink",
            [
                "fakesrc0: fakesrc is-live=(bool)true silent=(bool)false", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "videotestsrc pattern=18 horizontal-speed=-5 ! fakesink",
            [
                "videotestsrc0: videotestsrc pattern=(enum)ball horizontal-speed=(int)-5", "fakesink0: fakesink",
                "videotestsrc0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "identity drop-probability=0.25 ! fakesink",
            [
                "identity0: identity drop-probability=(double)0.25", "fakesink0: fakesink",
                "identity0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "queue leaky=downstream max-size-time=5000000000 ! fakesink",
            [
                "queue0: queue leaky=(enum)downstream max-size-time=(uint)5000000000", "fakesink0: fakesink",
                "queue0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "filesrc location=/tmp/in.raw ! filesink location=\"/tmp/out file.raw\"",
            [
                "filesrc0: filesrc location=(string)\"/tmp/in.raw\"",
                "filesink0: filesink location=(string)\"/tmp/out file.raw\"", "filesrc0.src -> filesink0.sink",
            ]),
        GrammarCase(
            #"filesrc location=/tmp/a\ b ! fakesink"#,
            [
                "filesrc0: filesrc location=(string)\"/tmp/a b\"", "fakesink0: fakesink",
                "filesrc0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            #"fakesrc ! identity name="a\"b" ! fakesink"#,
            [
                "fakesrc0: fakesrc", "a\"b: identity", "fakesink0: fakesink", "fakesrc0.src -> a\"b.sink",
                "a\"b.src -> fakesink0.sink",
            ]),
        GrammarCase(
            #"fakesrc ! identity name=a\\b ! fakesink"#,
            [
                "fakesrc0: fakesrc", #"a\b: identity"#, "fakesink0: fakesink", #"fakesrc0.src -> a\b.sink"#,
                #"a\b.src -> fakesink0.sink"#,
            ]),
        GrammarCase(
            "filesrc ! rawvideoparse framerate=30000/1001 pixel-aspect-ratio=16/9 width=640 ! fakesink",
            ["filesrc0: filesrc",
             "rawvideoparse0: rawvideoparse framerate=(fraction)30000/1001 pixel-aspect-ratio=(fraction)16/9 "
                + "width=(int)640",
             "fakesink0: fakesink", "filesrc0.src -> rawvideoparse0.sink", "rawvideoparse0.src -> fakesink0.sink"]),
        GrammarCase(
            "filesrc ! rawvideoparse framerate=25 ! fakesink",
            ["filesrc0: filesrc", "rawvideoparse0: rawvideoparse framerate=(fraction)25/1", "fakesink0: fakesink",
             "filesrc0.src -> rawvideoparse0.sink", "rawvideoparse0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc name = src ! fakesink name=sink", ["src: fakesrc", "sink: fakesink", "src.src -> sink.sink"]),
        GrammarCase(
            "fakesrc ! capsfilter caps=\"video/x-raw, width=(int)320\" ! fakesink",
            [
                "fakesrc0: fakesrc", "capsfilter0: capsfilter caps=(caps)video/x-raw, width=(int)320",
                "fakesink0: fakesink", "fakesrc0.src -> capsfilter0.sink", "capsfilter0.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw ! fakesink",
            ["fakesrc0: fakesrc", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink [video/x-raw]"]),
        GrammarCase(
            "fakesrc ! video/x-raw,format=I420,width=320 ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, format=(string)I420, width=(int)320]",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw , width = 320 , format={I420,NV12},height=[1,2] ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, width=(int)320, format=(string){ I420, NV12 }, "
                    + "height=(int)[ 1, 2 ]]",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw,width=(int)320,framerate=(fraction)30/1 ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, width=(int)320, framerate=(fraction)30/1]",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw,width=320;video/x-bayer ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, width=(int)320; video/x-bayer]",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw,format=\"I420\" ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, format=(string)I420]",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw(memory:DMABuf),format=NV12 ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw(memory:DMABuf), format=(string)NV12]",
            ]),
        GrammarCase(
            "fakesrc ! tee name=t t. ! queue ! fakesink t. ! queue ! fakesink",
            [
                "fakesrc0: fakesrc", "t: tee", "queue0: queue", "fakesink0: fakesink", "queue1: queue",
                "fakesink1: fakesink", "fakesrc0.src -> t.sink", "t.src_0 -> queue0.sink",
                "queue0.src -> fakesink0.sink",
                "t.src_1 -> queue1.sink", "queue1.src -> fakesink1.sink",
            ]),
        GrammarCase(
            "tee name=t t.src_3 ! fakesink t. ! fakesink",
            [
                "t: tee", "fakesink0: fakesink", "fakesink1: fakesink", "t.src_3 -> fakesink0.sink",
                "t.src_4 -> fakesink1.sink",
            ]),
        GrammarCase(
            "tee name=t t. ! fakesink t.src_5 ! fakesink t. ! fakesink",
            [
                "t: tee", "fakesink0: fakesink", "fakesink1: fakesink", "fakesink2: fakesink",
                "t.src_0 -> fakesink0.sink",
                "t.src_5 -> fakesink1.sink", "t.src_6 -> fakesink2.sink",
            ]),
        GrammarCase(
            "tee name=t ! fakesink t.src_%u ! fakesink",
            [
                "t: tee", "fakesink0: fakesink", "fakesink1: fakesink", "t.src_0 -> fakesink0.sink",
                "t.src_1 -> fakesink1.sink",
            ]),
        GrammarCase(
            "t. ! fakesink fakesrc ! tee name=t",
            [
                "fakesink0: fakesink", "fakesrc0: fakesrc", "t: tee", "t.src_0 -> fakesink0.sink",
                "fakesrc0.src -> t.sink",
            ]),
        GrammarCase(
            "fakesrc ! video/x-raw ! t.  tee name=t ! fakesink",
            [
                "fakesrc0: fakesrc", "t: tee", "fakesink0: fakesink", "fakesrc0.src -> t.sink [video/x-raw]",
                "t.src_0 -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc ! tee name=t t. ! fakesink0.  fakesink",
            [
                "fakesrc0: fakesrc", "t: tee", "fakesink0: fakesink", "fakesrc0.src -> t.sink",
                "t.src_0 -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc .src ! .sink fakesink",
            ["fakesrc0: fakesrc", "fakesink0: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "compositor name=m videotestsrc ! m. videotestsrc ! m.sink_5 videotestsrc ! m.  m. ! fakesink",
            [
                "m: compositor", "videotestsrc0: videotestsrc", "videotestsrc1: videotestsrc",
                "videotestsrc2: videotestsrc",
                "fakesink0: fakesink", "videotestsrc0.src -> m.sink_0", "videotestsrc1.src -> m.sink_5",
                "videotestsrc2.src -> m.sink_6", "m.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "matroskamux name=m fakesrc ! m. fakesrc ! m.audio_0 fakesrc ! m.  m. ! fakesink",
            [
                "m: matroskamux", "fakesrc0: fakesrc", "fakesrc1: fakesrc", "fakesrc2: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> m.video_0", "fakesrc1.src -> m.audio_0", "fakesrc2.src -> m.video_1",
                "m.src -> fakesink0.sink",
            ]),
        GrammarCase(
            "fakesrc ! fakesink fakesink name=fakesink1",
            ["fakesrc0: fakesrc", "fakesink0: fakesink", "fakesink1: fakesink", "fakesrc0.src -> fakesink0.sink"]),
        GrammarCase(
            "fakesrc name=src src. ! fakesink",
            ["src: fakesrc", "fakesink0: fakesink", "src.src -> fakesink0.sink"]),
    ]

    @Test("matches GStreamer's graph", arguments: gstreamerCases)
    func matchesGStreamer(_ testCase: GrammarCase) throws {
        #expect(try Launch.graph(testCase.description) == testCase.expected)
    }

    /// Where Parallax deliberately differs from GStreamer 1.22 (docs/launch-syntax.md, "Differences").
    static let differenceCases: [GrammarCase] = [
        // GStreamer: syntax error (a quoted caps filter is only understood through gst-launch's argv).
        GrammarCase(
            "fakesrc ! \"video/x-raw, format=(string)I420\" ! fakesink",
            [
                "fakesrc0: fakesrc", "fakesink0: fakesink",
                "fakesrc0.src -> fakesink0.sink [video/x-raw, format=(string)I420]",
            ]),
        // GStreamer keeps single quotes as part of the value: location "'/tmp/a b'".
        GrammarCase(
            "filesrc location='/tmp/a b' ! fakesink",
            [
                "filesrc0: filesrc location=(string)\"/tmp/a b\"", "fakesink0: fakesink",
                "filesrc0.src -> fakesink0.sink",
            ]),
        // GStreamer names the second fakesink fakesink0 as well, and then cannot add it.
        GrammarCase(
            "fakesink name=fakesink0  fakesrc ! fakesink",
            ["fakesink0: fakesink", "fakesrc0: fakesrc", "fakesink1: fakesink", "fakesrc0.src -> fakesink1.sink"]),
    ]

    @Test("deliberate differences from GStreamer", arguments: differenceCases)
    func differsFromGStreamer(_ testCase: GrammarCase) throws {
        #expect(try Launch.graph(testCase.description) == testCase.expected)
    }

    @Test("spans: node = factory name, property = prop=value, link = the \"!\" (with its caps)")
    func spans() throws {
        let source = "videotestsrc pattern = ball ! video/x-raw,width=320 ! tee name=t  t. ! fakesink"
        let graph = try Fixtures.parser.parse(source)
        #expect(graph.nodes.map { Launch.text($0.span, in: source) } == ["videotestsrc", "tee", "fakesink"])
        #expect(graph.nodes[0].properties.map { Launch.text($0.span, in: source) } == ["pattern = ball"])
        #expect(graph.links.map { Launch.text($0.span, in: source) } == ["! video/x-raw,width=320 !", "!"])
    }

    @Test("spans are UTF-8 byte ranges")
    func byteSpans() throws {
        let source = "fakesrc name=é ! fakesink"
        let graph = try Fixtures.parser.parse(source)
        #expect(graph.nodes[1].span == SourceSpan(start: 18, length: 8))
        #expect(graph.links[0].span == SourceSpan(start: 16, length: 1))
    }

    @Test("the same description always gives the same graph")
    func deterministic() throws {
        let source = "fakesrc ! tee name=t  t. ! queue ! fakesink  t. ! video/x-raw ! fakesink"
        #expect(try Fixtures.parser.parse(source) == (try Fixtures.parser.parse(source)))
    }
}
