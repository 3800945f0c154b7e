import Parallax
import ParallaxCore
import Synchronization
import Testing

/// Format changes while playing: a source switching resolution through videoscale and videoconvert, a
/// capsfilter's caps set while playing (before and after a videoscale), changes the graph cannot follow, and
/// the caps the bus posts per link. Synchronised by the data itself (buffers pulled from appsink, pushed
/// into appsrc), never by sleeping.
@Suite struct RenegotiationTests {
    static func gray(_ width: Int, _ height: Int) -> String {
        "video/x-raw,format=GRAY8,width=\(width),height=\(height),framerate=30/1"
    }

    /// The pipeline of `launch`, the feed of its appsrc `src` (if any), its appsink `out` and its caps log.
    static func open(_ launch: String) throws -> (Pipeline, AppSourceFeed?, AppSink, CapsLog) {
        let pipeline = try Pipeline(launch: launch)
        let feed = (pipeline.element(named: "src") as? AppSource)?.feed
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        return (pipeline, feed, sink, CapsLog(pipeline))
    }

    /// A GRAY8 frame of one value.
    static func frame(_ width: Int, _ height: Int, value: UInt8) -> Buffer {
        Buffer(copying: [UInt8](repeating: value, count: width * height))
    }

    @Test func aSourceChangingResolutionGoesThroughVideoscaleAndVideoconvertWithoutLosingABuffer() async throws {
        let (pipeline, feedOrNil, sink, log) = try Self.open(
            "appsrc name=src caps=\(Self.gray(64, 48)) ! videoscale ! videoconvert "
                + "! video/x-raw,format=I420,width=32,height=24 ! appsink name=out sync=false")
        let feed = try #require(feedOrNil)
        async let run: Void = pipeline.run()
        for _ in 0..<3 { await feed.push(Self.frame(64, 48, value: 40)) }
        #expect(feed.changeCaps(to: try Caps(parsing: Self.gray(128, 96))) == .queued)
        for _ in 0..<4 { await feed.push(Self.frame(128, 96, value: 200)) }
        feed.endOfStream()
        var frames: [[UInt8]] = []
        for await buffer in sink.buffers { frames.append(buffer.byteArray) }
        try await run

        #expect(frames.count == 7)
        #expect(frames.allSatisfy { $0.count == 32 * 24 * 3 / 2 })
        let luma = frames.map { Set($0.prefix(32 * 24)) }
        #expect(luma.allSatisfy { $0.count == 1 })
        let before = luma[0], after = luma[3]
        #expect(luma[..<3].allSatisfy { $0 == before })
        #expect(luma[3...].allSatisfy { $0 == after })
        #expect(before.first! < after.first!)
        #expect(log.posted().filter { $0.hasPrefix("src:src -> videoscale0:sink") }.count == 2)
        #expect(log.contains("src:src -> videoscale0:sink", Self.gray(128, 96), from: 3))
    }

    @Test func aCapsfilterAfterVideoscaleChangesTheOutputSizeFromTheNextBuffer() async throws {
        let (pipeline, feedOrNil, sink, log) = try Self.open(
            "appsrc name=src caps=\(Self.gray(64, 48)) ! videoscale "
                + "! capsfilter name=cf caps=video/x-raw,width=64,height=48 ! appsink name=out sync=false")
        let feed = try #require(feedOrNil)
        async let run: Void = pipeline.run()
        var reader = sink.buffers.makeAsyncIterator()
        var sizes: [Int] = []
        for value in [UInt8(10), 20] {
            await feed.push(Self.frame(64, 48, value: value))
            sizes.append(try #require(await reader.next()).length)
        }
        let before = log.count
        try pipeline.setProperty("caps", on: "cf", to: .caps(try Caps(parsing: "video/x-raw,width=32,height=24")))
        var values: [Set<UInt8>] = []
        for value in [UInt8(30), 40] {
            await feed.push(Self.frame(64, 48, value: value))
            let buffer = try #require(await reader.next())
            sizes.append(buffer.length)
            values.append(Set(buffer.byteArray))
        }
        let expected = try [Self.gray(64, 48), Self.gray(32, 24), Self.gray(32, 24)].map { try Caps(parsing: $0) }
        let negotiated = try #require(pipeline.negotiated?.linkCaps)
        #expect(zip(negotiated, expected).allSatisfy { sameCaps($0, $1) })
        feed.endOfStream()
        #expect(await reader.next() == nil)
        try await run

        #expect(sizes == [64 * 48, 64 * 48, 32 * 24, 32 * 24])
        #expect(sameCaps(pipeline.negotiated?.linkCaps.last, try Caps(parsing: Self.gray(32, 24))))
        #expect(values == [[30], [40]])
        #expect(log.count == before + 2)
        #expect(log.contains("videoscale0:src -> cf:sink", Self.gray(32, 24), from: before))
        #expect(log.contains("cf:src -> out:sink", Self.gray(32, 24), from: before))
    }

    @Test func buffersQueuedBeforeAChangeKeepTheOldFormatOnTheOtherSideOfAQueue() async throws {
        let (pipeline, feedOrNil, sink, _) = try Self.open(
            "appsrc name=src caps=\(Self.gray(64, 48)) ! queue ! videoscale "
                + "! capsfilter name=cf caps=video/x-raw,width=64,height=48 ! appsink name=out sync=false max-buffers=1"
        )
        let feed = try #require(feedOrNil)
        async let run: Void = pipeline.run()
        for value in UInt8(1)...4 { await feed.push(Self.frame(64, 48, value: value)) }
        // All four have left the source; videoscale, behind the queue and a full appsink, takes them later.
        while pipeline.statistics.first(where: { $0.element == "queue0" })?.buffers != 4 { await Task.yield() }
        try pipeline.setProperty("caps", on: "cf", to: .caps(try Caps(parsing: "video/x-raw,width=32,height=24")))
        for value in UInt8(5)...7 { await feed.push(Self.frame(64, 48, value: value)) }
        feed.endOfStream()
        var frames: [Buffer] = []
        for await buffer in sink.buffers { frames.append(buffer) }
        try await run

        #expect(frames.map(\.length) == [64 * 48, 64 * 48, 64 * 48, 64 * 48, 32 * 24, 32 * 24, 32 * 24])
        #expect(frames.map { Set($0.byteArray) } == (UInt8(1)...7).map { [$0] })
    }

    @Test func aCapsfilterBeforeVideoscaleChangesTheSourceWhileTheSinkKeepsItsSize() async throws {
        let (pipeline, _, sink, log) = try Self.open(
            "videotestsrc name=src num-buffers=12 pattern=white "
                + "! capsfilter name=cf caps=video/x-raw,format=GRAY8,width=64,height=48 ! videoscale "
                + "! video/x-raw,width=32,height=24 ! appsink name=out sync=false max-buffers=1")
        async let run: Void = pipeline.run()
        var reader = sink.buffers.makeAsyncIterator()
        var sizes: [Int] = []
        for _ in 0..<3 { sizes.append(try #require(await reader.next()).length) }
        try pipeline.setProperty(
            "caps", on: "cf", to: .caps(try Caps(parsing: "video/x-raw,format=GRAY8,width=16,height=12")))
        while let buffer = await reader.next() { sizes.append(buffer.length) }
        try await run

        #expect(sizes == Array(repeating: 32 * 24, count: 12))
        #expect(log.count == 5)
        #expect(log.contains("src:src -> cf:sink", Self.gray(16, 12), from: 3))
        #expect(log.contains("cf:src -> videoscale0:sink", Self.gray(16, 12), from: 3))
    }

    @Test func aChangeNeedingAConverterIsRefusedAndThePipelinePlaysOn() async throws {
        let (pipeline, _, sink, log) = try Self.open(
            "videotestsrc name=src num-buffers=5 ! video/x-raw,format=GRAY8,width=8,height=4 ! identity "
                + "! capsfilter name=cf caps=video/x-raw,format=GRAY8 ! appsink name=out sync=false max-buffers=1")
        async let run: Void = pipeline.run()
        var reader = sink.buffers.makeAsyncIterator()
        var sizes = [try #require(await reader.next()).length]
        let rgba = try Caps(parsing: "video/x-raw,format=RGBA")
        do {
            try pipeline.setProperty("caps", on: "cf", to: .caps(rgba))
            Issue.record("a change needing a converter was accepted")
        } catch .negotiation(let negotiation) {
            #expect(
                negotiation.message
                    == "the new format needs videoconvert inserted, and converters cannot be inserted while playing")
            #expect(negotiation.notes == ["videoconvert0 (videoconvert) would go between src and identity0"])
            #expect(
                negotiation.help
                    == "write videoconvert into the pipeline where the notes say; "
                    + "it is configured again on a format change")
            #expect(negotiation.span == pipeline.graph.node(named: "src")?.span)
        } catch {
            Issue.record("expected a negotiation error, got \(error)")
        }
        while let buffer = await reader.next() { sizes.append(buffer.length) }
        try await run
        #expect(sizes == Array(repeating: 32, count: 5))
        #expect(log.count == 3)
    }

    @Test func anUnreachableSourceFormatFailsTheRunWithTheDiagnostic() async throws {
        let (pipeline, feedOrNil, sink, _) = try Self.open(
            "appsrc name=src caps=\(Self.gray(8, 4)) ! videoconvert ! video/x-raw,format=I420 "
                + "! appsink name=out sync=false")
        let feed = try #require(feedOrNil)
        let errors = Mutex<[String]>([])
        pipeline.bus.observe { message in
            if case .error = message { errors.withLock { $0.append(message.description) } }
        }
        async let run: Void = pipeline.run()
        var reader = sink.buffers.makeAsyncIterator()
        await feed.push(Self.frame(8, 4, value: 1))
        #expect(try #require(await reader.next()).length == 8 * 4 * 3 / 2)
        feed.changeCaps(to: try Caps(parsing: "audio/x-raw,format=S16LE,rate=48000,channels=2,layout=interleaved"))
        #expect(await reader.next() == nil)
        do {
            try await run
            Issue.record("the run went on with caps no element can take")
        } catch let error as PipelineError {
            guard case .negotiation(let negotiation) = error else {
                Issue.record("expected a negotiation error, got \(error)")
                return
            }
            #expect(negotiation.message == "could not link src to videoconvert0: no common format")
        }
        let formats =
            "video/x-raw, format=(string){ I420, YV12, NV12, NV21, YUY2, UYVY, Y444, RGBA, BGRA, RGBx, "
            + "BGRx, RGB, BGR, GRAY8, I420_10LE }"
        let lines: [String] = [
            "ERROR from element src: could not link src to videoconvert0: no common format (src changed its output to "
                + "audio/x-raw, format=(string)S16LE, rate=(int)48000, channels=(int)2, layout=(string)interleaved "
                + "while playing",
            "src can produce: ANY",
            "the caps filter on this link is: audio/x-raw, format=(string)S16LE, rate=(int)48000, "
                + "channels=(int)2, layout=(string)interleaved",
            "videoconvert0 and what follows accept: \(formats)",
            "emptied by: the sink pad of videoconvert0 (\(formats))",
            "no chain of up to 4 converters (vulkandownload, vulkanupload, audioconvert, videoconvert, videoscale, audioresample) turns one "
                + "into the other",
            "help: appsrc produces audio/x-raw, not video/x-raw; no converter turns one into the other)",
        ]
        let expected = lines.joined(separator: "\n")
        #expect(errors.withLock { $0 } == [expected])
    }

    @Test func settingAPropertyBeforePlayingOnlyChangesTheElement() throws {
        let pipeline = try Pipeline(
            launch: "videotestsrc ! capsfilter name=cf caps=video/x-raw,format=GRAY8,width=64,height=48 ! fakesink")
        let small = try Caps(parsing: "video/x-raw,format=GRAY8,width=16,height=12")
        try pipeline.setProperty("caps", on: "cf", to: .caps(small))
        #expect(sameCaps(try pipeline.negotiate().linkCaps[1], try Caps(parsing: Self.gray(16, 12))))
        #expect(throws: PipelineError.invalidGraph("no element named \"nope\"", span: nil)) {
            try pipeline.setProperty("caps", on: "nope", to: .caps(.any))
        }
        #expect(
            throws: PipelineError.invalidGraph(
                "cf: no property \"bogus\" in element \"capsfilter\"", span: pipeline.graph.node(named: "cf")?.span)
        ) {
            try pipeline.setProperty("bogus", on: "cf", to: .bool(true))
        }
    }
}
