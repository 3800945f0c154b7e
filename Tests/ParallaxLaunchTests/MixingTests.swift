import Foundation
import Parallax
import Testing

/// compositor, audiomixer, funnel and input-selector: run in-process through `Pipeline(launch:)` and compared
/// with `gst-launch-1.0` running the same description (the sources are byte-identical to GStreamer's), and their
/// merging checked by counting what comes out.
@Suite("elements with several inputs")
struct MixingTests {
    static let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")

    /// Runs `description` (with `OUT` for the output file) here and in GStreamer; returns both outputs.
    static func both(_ description: String, _ directory: TemporaryDirectory) async throws -> (Data, Data)? {
        guard FileManager.default.isExecutableFile(atPath: gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return nil
        }
        let mine = directory.path("parallax.raw"), theirs = directory.path("gstreamer.raw")
        try await Pipeline(launch: description.replacingOccurrences(of: "OUT", with: mine)).run()
        let words = description.replacingOccurrences(of: "OUT", with: theirs).split(separator: " ").map(String.init)
        let result = try await LaunchProcess(["-q"] + words, executable: gst).finish()
        #expect(result.status == 0, "\(result.stderr)")
        return (try Data(contentsOf: URL(fileURLWithPath: mine)), try Data(contentsOf: URL(fileURLWithPath: theirs)))
    }

    static let compositorCases = [
        "sink_1::xpos=32 sink_1::ypos=8 ! video/x-raw,format=I420",
        "sink_1::xpos=32 sink_1::ypos=8 sink_1::alpha=0.5 ! video/x-raw,format=I420",
        "sink_1::xpos=32 sink_1::ypos=8 sink_1::alpha=0.5 ! video/x-raw,format=BGRA",
        "background=black sink_0::zorder=3 sink_1::xpos=-10 sink_1::ypos=20 ! video/x-raw,format=RGBA",
        "background=transparent sink_1::xpos=7 sink_1::ypos=3 sink_1::alpha=0.7 ! video/x-raw,format=BGRA",
        "background=white sink_1::xpos=100 sink_1::ypos=-8 ! video/x-raw,format=I420",
    ]

    @Test("compositor draws what GStreamer's compositor draws", arguments: compositorCases)
    func compositorMatchesGStreamer(_ settings: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Two inputs at different frame rates and lengths: the output runs at the higher rate until both end.
        let description =
            "compositor name=c \(settings) ! filesink location=OUT "
            + "videotestsrc num-buffers=4 ! video/x-raw,width=64,height=48,framerate=30/1 ! c. "
            + "videotestsrc num-buffers=6 pattern=ball ! video/x-raw,width=64,height=48,framerate=15/1 ! c."
        guard let (mine, theirs) = try await Self.both(description, directory) else { return }
        #expect(mine.count == theirs.count)
        #expect(mine == theirs)
    }

    @Test("audiomixer mixes S16LE sample for sample as GStreamer's audiomixer does", arguments: [
        "", "sink_0::mute=true",
    ])
    func audiomixerMatchesGStreamer(_ settings: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let description =
            "audiomixer name=m \(settings) ! audio/x-raw,format=S16LE ! filesink location=OUT "
            + "audiotestsrc num-buffers=10 freq=440 ! audio/x-raw,rate=48000,channels=2 ! m. "
            + "audiotestsrc num-buffers=6 freq=660 volume=0.6 ! audio/x-raw,rate=48000,channels=2 ! m."
        guard let (mine, theirs) = try await Self.both(description, directory) else { return }
        #expect(mine.count == 10 * 1024 * 4)
        #expect(mine == theirs)
    }

    @Test("audiomixer pad volume scales one input (within one level of GStreamer's rounding)")
    func audiomixerVolume() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let description =
            "audiomixer name=m sink_1::volume=0.5 ! audio/x-raw,format=S16LE ! filesink location=OUT "
            + "audiotestsrc num-buffers=4 freq=440 ! audio/x-raw,rate=48000,channels=1 ! m. "
            + "audiotestsrc num-buffers=4 freq=660 ! audio/x-raw,rate=48000,channels=1 ! m."
        guard let (mine, theirs) = try await Self.both(description, directory) else { return }
        let a = mine.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let b = theirs.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(a.count == b.count)
        #expect(zip(a, b).allSatisfy { abs(Int($0) - Int($1)) <= 1 })
        #expect(a.contains { $0 != 0 })
    }

    @Test("audiomixer places inputs by timestamp: a late input is mixed from its first sample's time")
    func audiomixerAlignsByTimestamp() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("mix.raw")
        // Input 1 starts 0.1 s late (timestamp-offset): its samples land 4800 frames in; before them, input 0 alone.
        let pipeline = try Pipeline(launch:
            "audiomixer name=m ! audio/x-raw,format=S16LE ! filesink location=\(path) "
            + "audiotestsrc num-buffers=10 wave=silence ! audio/x-raw,rate=48000,channels=1 ! m. "
            + "audiotestsrc num-buffers=2 wave=square timestamp-offset=100000000 ! audio/x-raw,rate=48000,channels=1 ! m.")
        try await pipeline.run()
        let samples = try Data(contentsOf: URL(fileURLWithPath: path)).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        #expect(samples.count == 10 * 1024)
        #expect(samples[..<4800].allSatisfy { $0 == 0 })
        #expect(samples[4800] != 0)
        #expect(samples[(4800 + 2048)...].allSatisfy { $0 == 0 })
    }

    @Test("funnel passes every buffer of every input once and ends when all inputs ended")
    func funnelMergesEverything() async throws {
        let pipeline = try Pipeline(launch:
            "funnel name=f ! fakesink name=out  fakesrc num-buffers=7 ! f.  fakesrc num-buffers=3 ! f.  fakesrc num-buffers=5 ! f.")
        try await pipeline.run()
        #expect(pipeline.statistics.first { $0.element == "out" }?.buffers == 15)
    }

    @Test("input-selector passes the active pad's buffers only and drops the others'", arguments: [
        ("sink_1", 3), ("sink_0", 7), ("", 7),
    ])
    func inputSelectorPassesTheActivePad(_ active: String, _ expected: Int) async throws {
        let pipeline = try Pipeline(launch:
            "input-selector name=s active-pad=\"\(active)\" ! fakesink name=out  fakesrc num-buffers=7 ! s.  fakesrc num-buffers=3 ! s.")
        try await pipeline.run()
        #expect(pipeline.statistics.first { $0.element == "out" }?.buffers == UInt64(expected))
    }

    @Test("an active-pad that is not linked is refused, naming the linked pads")
    func inputSelectorRefusesAnUnknownPad() async throws {
        let pipeline = try Pipeline(launch:
            "input-selector name=s active-pad=sink_5 ! fakesink  fakesrc num-buffers=1 ! s.  fakesrc num-buffers=1 ! s.")
        await #expect(throws: PipelineError.element(
            "s", ElementError("active-pad \"sink_5\" is not a linked pad (linked: sink_0, sink_1)"))) {
            try await pipeline.run()
        }
    }

    @Test("output-selector hands every buffer to the active branch; the others only end", arguments: [
        ("src_1", 0, 5), ("", 5, 0), ("src_0", 5, 0),
    ])
    func outputSelectorRoutesToTheActivePad(_ active: String, _ first: Int, _ second: Int) async throws {
        let pipeline = try Pipeline(launch:
            "fakesrc num-buffers=5 ! output-selector name=o active-pad=\"\(active)\"  o. ! fakesink name=a  o. ! fakesink name=b")
        try await pipeline.run()
        #expect(pipeline.statistics.first { $0.element == "a" }?.buffers == UInt64(first))
        #expect(pipeline.statistics.first { $0.element == "b" }?.buffers == UInt64(second))
    }

    @Test("output-selector refuses an active-pad that is not linked")
    func outputSelectorRefusesAnUnknownPad() async throws {
        let pipeline = try Pipeline(launch: "fakesrc num-buffers=1 ! output-selector name=o active-pad=src_3  o. ! fakesink")
        #expect(throws: PipelineError.element("o", ElementError("active-pad \"src_3\" is not a linked pad (linked: src_0)"))) {
            try pipeline.setState(.paused)
        }
    }

    @Test("input-selector switches its active pad while the pipeline plays")
    func inputSelectorSwitchesWhilePlaying() async throws {
        let pipeline = try Pipeline(launch:
            "input-selector name=s ! appsink name=out sync=false  appsrc name=a caps=application/x-test ! s.  "
            + "appsrc name=b caps=application/x-test ! s.")
        let a = try #require(pipeline.element(named: "a") as? AppSource).feed
        let b = try #require(pipeline.element(named: "b") as? AppSource).feed
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        try pipeline.setState(.playing)
        var received = sink.buffers.makeAsyncIterator()
        _ = await a.push(Buffer(copying: [1]))
        #expect(await received.next()?.byteArray == [1])
        try pipeline.setProperty("active-pad", on: "s", to: .string("sink_1"))
        _ = await b.push(Buffer(copying: [2]))  // sink_1 was inactive: this passes only because of the switch
        #expect(await received.next()?.byteArray == [2])
        _ = await a.push(Buffer(copying: [3]))  // sink_0 is inactive now
        a.endOfStream()
        b.endOfStream()
        #expect(await received.next() == nil)
        try pipeline.setState(.null)
    }

    @Test("output-selector switches its branch while the pipeline plays and refuses a pad that is not linked")
    func outputSelectorSwitchesWhilePlaying() async throws {
        let pipeline = try Pipeline(launch:
            "appsrc name=in caps=application/x-test ! output-selector name=o  o. ! appsink name=a sync=false  "
            + "o. ! appsink name=b sync=false")
        let feed = try #require(pipeline.element(named: "in") as? AppSource).feed
        let first = try #require(pipeline.element(named: "a") as? AppSink)
        let second = try #require(pipeline.element(named: "b") as? AppSink)
        try pipeline.setState(.playing)
        var toFirst = first.buffers.makeAsyncIterator(), toSecond = second.buffers.makeAsyncIterator()
        _ = await feed.push(Buffer(copying: [1]))
        #expect(await toFirst.next()?.byteArray == [1])
        let refused = #expect(throws: PipelineError.self) {
            try pipeline.setProperty("active-pad", on: "o", to: .string("src_7"))
        }
        guard case .invalidGraph(let message, _) = refused else {
            Issue.record("expected an invalid-graph error, got \(String(describing: refused))")
            return
        }
        #expect(message == "o: active-pad \"src_7\" is not a linked pad (linked: src_0, src_1)")
        #expect((pipeline.element(named: "o") as? OutputSelector)?.activePad == "")
        try pipeline.setProperty("active-pad", on: "o", to: .string("src_1"))
        _ = await feed.push(Buffer(copying: [2]))
        #expect(await toSecond.next()?.byteArray == [2])
        feed.endOfStream()
        #expect(await toFirst.next() == nil)
        #expect(await toSecond.next() == nil)
        try pipeline.setState(.null)
    }

    @Test("a link into a muxer without a pad name takes the request pad whose caps fit the upstream's")
    func requestPadsAreChosenByCaps() throws {
        let graph = try LaunchParser(registry: .stock).parse(
            "matroskamux name=m ! fakesink  audiotestsrc ! m.  videotestsrc ! m.  fakesrc ! m.")
        let pads = graph.links.filter { graph.nodes[$0.to.node].name == "m" }.map(\.to.pad)
        // fakesrc's ANY fits every template: the first, video_%u, as GStreamer's parser picks it.
        #expect(pads == ["audio_0", "video_0", "video_1"])
    }

    @Test("compositor inputs in different formats get a converter on the input that differs")
    func compositorInputsAgreeOnOneFormat() throws {
        let pipeline = try Pipeline(launch:
            "compositor name=c ! fakesink  videotestsrc ! video/x-raw,format=I420,width=32,height=24 ! c. "
            + "videotestsrc ! video/x-raw,format=BGRA,width=32,height=24 ! c.")
        let negotiated = try pipeline.negotiate()
        #expect(negotiated.insertedNodes.map(\.factory) == ["videoconvert"])
        let caps = negotiated.graph.links.indices.filter { negotiated.graph.links[$0].to.node == 0 }
            .map { negotiated.linkCaps[$0].structures.first?["format"] }
        #expect(caps == [.string("I420"), .string("I420")])
        let output = try #require(negotiated.caps(from: 0, pad: "src"))
        #expect(output.structures.first?["width"] == .int(32))
    }

    @Test("a pad drawn at another size is scaled as videoscale method=bilinear scales it")
    func compositorScalesPads() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = "videotestsrc num-buffers=4 ! video/x-raw,width=64,height=48,framerate=30/1 ! c. "
        let second = "videotestsrc num-buffers=6 pattern=ball ! video/x-raw,width=64,height=48,framerate=15/1"
        let mine = directory.path("parallax.raw"), theirs = directory.path("gstreamer.raw")
        try await Pipeline(launch:
            "compositor name=c sink_1::xpos=8 sink_1::ypos=4 sink_1::width=32 sink_1::height=24 "
            + "! video/x-raw,format=I420 ! filesink location=\(mine) \(first)\(second) ! c.").run()
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped the comparison: gst-launch-1.0 is not installed")
            return
        }
        // GStreamer's own pad scaling uses another filter; its videoscale in front of the pad is the reference.
        let words = ("compositor name=c sink_1::xpos=8 sink_1::ypos=4 ! video/x-raw,format=I420 ! filesink "
            + "location=\(theirs) \(first)\(second) ! videoscale method=bilinear ! video/x-raw,width=32,height=24 ! c.")
            .split(separator: " ").map(String.init)
        let result = try await LaunchProcess(["-q"] + words, executable: Self.gst).finish()
        #expect(result.status == 0, "\(result.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: mine)), b = try Data(contentsOf: URL(fileURLWithPath: theirs))
        let frameSize = 64 * 48 * 3 / 2
        #expect(a.count == 12 * frameSize)  // the first input's size, at 30/1 until the 0.4 s of the second end
        #expect(a.count == b.count)
        let differences = zip(a, b).map { abs(Int($0) - Int($1)) }
        #expect(differences.max() ?? 0 <= 1)
        #expect(differences.filter { $0 != 0 }.count < a.count / 20)
    }

    @Test("an element that takes one input refuses a second link")
    func oneInputElementsRefuseTwo() throws {
        #expect(throws: PipelineError.invalidGraph("pad fakesink0.sink is linked twice", span: nil)) {
            var graph = Graph()
            graph.nodes = [
                Node(id: 0, factory: "fakesrc", name: "fakesrc0"), Node(id: 1, factory: "fakesink", name: "fakesink0"),
                Node(id: 2, factory: "fakesrc", name: "fakesrc1"),
            ]
            graph.links = [
                Link(from: PadRef(node: 0, pad: "src"), to: PadRef(node: 1, pad: "sink")),
                Link(from: PadRef(node: 2, pad: "src"), to: PadRef(node: 1, pad: "sink")),
            ]
            _ = try Pipeline(graph, registry: .stock)
        }
    }
}
