import Glibc
import ParallaxCore
import ParallaxRuntime
import Synchronization
import Testing

/// Builds graphs by hand (no parser) so these tests exercise only the executor.
struct GraphBuilder {
    var graph = Graph()

    @discardableResult
    mutating func add(_ factory: String, _ name: String, _ properties: [(String, PropertyValue)] = []) -> Int {
        let id = graph.nodes.count
        graph.nodes.append(Node(
            id: id, factory: factory, name: name,
            properties: properties.map { PropertySetting(name: $0.0, value: $0.1, text: $0.1.description) }))
        return id
    }

    mutating func link(_ from: Int, _ to: Int, fromPad: String = "src", toPad: String = "sink", caps: Caps? = nil) {
        graph.links.append(Link(from: PadRef(node: from, pad: fromPad), to: PadRef(node: to, pad: toPad), caps: caps))
    }

    /// A straight chain of (factory, properties), named factory + index.
    static func chain(_ elements: [(String, [(String, PropertyValue)])]) -> Graph {
        var builder = GraphBuilder()
        var previous: Int?
        for (index, element) in elements.enumerated() {
            let id = builder.add(element.0, "\(element.0)\(index)", element.1)
            if let previous { builder.link(previous, id) }
            previous = id
        }
        return builder.graph
    }
}

func recording(_ pipeline: Pipeline, _ name: String) -> Recording? {
    (pipeline.element(named: name) as? RecorderSink)?.recording
}

@Suite struct PipelineTests {
    let registry = TestElements.registry

    @Test func runsSourceToSinkInOrderAndDrainsEOS() async throws {
        let graph = GraphBuilder.chain([("countsrc", [("num-buffers", .int(50))]), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        try await pipeline.run()
        let seen = try #require(recording(pipeline, "recorder1"))
        #expect(seen.all.map(\.index) == Array(0..<50))
        #expect(seen.all.map(\.pts) == (0..<50).map { ClockTime.milliseconds(UInt64($0)) })
        #expect(seen.finished.load(ordering: .relaxed) == 1)
        #expect(seen.events.withLock { $0 } == ["stream-start", "caps", "segment", "eos"])
        #expect(seen.started.load(ordering: .relaxed) == 1)
        #expect(seen.stopped.load(ordering: .relaxed) == 1)
        #expect(pipeline.state == .null)
    }

    @Test func transformsSendWhatTheyHoldAtEndOfStreamBeforeEOS() async throws {
        let graph = GraphBuilder.chain([("countsrc", [("num-buffers", .int(5))]), ("trailer", []), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        let messages = Mutex<[String]>([])
        pipeline.bus.observe { message in
            if case .element = message { messages.withLock { $0.append(message.description) } }
        }
        try await pipeline.run()
        let seen = try #require(recording(pipeline, "recorder2"))
        #expect(seen.all.map(\.index) == [0, 1, 2, 3, 4, 1005])
        #expect(messages.withLock { $0 } == ["element message from trailer1: trailer, seen=(int)5"])
        #expect(seen.events.withLock { $0 }.last == "eos")
    }

    @Test func parsersNameTheirFormatFromTheStreamHeaderBeforeNegotiation() async throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("num-buffers", .int(3)), ("size", .int(12))]), ("testqueue", []), ("headerparse", []),
            ("recorder", []),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        let negotiated = try pipeline.negotiate()
        #expect(negotiated.linkCaps.last?.description == "application/x-header, length=(int)12")
        try await pipeline.run()
        #expect(recording(pipeline, "recorder3")?.all.count == 3)
    }

    @Test func aHeaderTheParserRejectsFailsThePipelineNamingTheParser() throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("size", .int(12))]), ("headerparse", [("min-header", .int(16))]), ("recorder", []),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        #expect(throws: PipelineError.element("headerparse1", ElementError("header is 12 bytes, needs 16"))) {
            try pipeline.setState(.paused)
        }
        #expect(pipeline.state == .ready)
    }

    @Test func reusesPoolSlotsInsteadOfAllocating() async throws {
        let graph = GraphBuilder.chain([("countsrc", [("num-buffers", .int(200))]), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        try await pipeline.run()
        let seen = try #require(recording(pipeline, "recorder1"))
        // One storage object per slot in use; a synchronous chain needs one slot, so one object serves all.
        #expect(Set(seen.all.map(\.storage)).count == 1)
    }

    @Test func transformsInPlaceWhenUniquelyHeldAndOutOfPlaceOtherwise() async throws {
        for inPlace in [true, false] {
            let graph = GraphBuilder.chain([
                ("countsrc", [("num-buffers", .int(5))]), ("addone", [("in-place", .bool(inPlace))]), ("recorder", []),
            ])
            let pipeline = try Pipeline(graph, registry: registry)
            try await pipeline.run()
            let seen = try #require(recording(pipeline, "recorder2"))
            #expect(seen.all.map(\.payload) == (0..<5).map { UInt8($0 + 1) })
            #expect(seen.all.map(\.index) == Array(0..<5))
        }
    }

    @Test func queueMovesBuffersToAnotherThreadInOrder() async throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("num-buffers", .int(2000))]), ("testqueue", [("max-size-buffers", .int(4))]),
            ("addone", []), ("testqueue", []), ("recorder", []),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        try await pipeline.run()
        let seen = try #require(recording(pipeline, "recorder4"))
        #expect(seen.all.map(\.index) == Array(0..<2000))
        #expect(seen.all.map(\.payload) == (0..<2000).map { UInt8(truncatingIfNeeded: $0 + 1) })
        #expect(seen.finished.load(ordering: .relaxed) == 1)
    }

    @Test func teeSharesOneBufferWithEveryBranch() async throws {
        var builder = GraphBuilder()
        let source = builder.add("countsrc", "src", [("num-buffers", .int(20))])
        let tee = builder.add("testtee", "t")
        let a = builder.add("recorder", "a")
        let q = builder.add("testqueue", "q")
        let b = builder.add("recorder", "b")
        builder.link(source, tee)
        builder.link(tee, a, fromPad: "src_0")
        builder.link(tee, q, fromPad: "src_1")
        builder.link(q, b)
        let pipeline = try Pipeline(builder.graph, registry: registry)
        try await pipeline.run()
        let first = try #require(recording(pipeline, "a")), second = try #require(recording(pipeline, "b"))
        #expect(first.all.map(\.index) == Array(0..<20))
        #expect(second.all.map(\.index) == Array(0..<20))
        #expect(first.finished.load(ordering: .relaxed) == 1 && second.finished.load(ordering: .relaxed) == 1)
        // Zero copies: both branches render buffer i from the very same storage object (it stays alive, and
        // so keeps its identity, until the last branch releases it).
        #expect(first.all.map(\.storage) == second.all.map(\.storage))
    }

    @Test func sinkReturningEOSEndsTheStream() async throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("num-buffers", .int(-1))]), ("testqueue", []), ("recorder", [("stop-after", .int(7))]),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        try await pipeline.run()
        let seen = try #require(recording(pipeline, "recorder2"))
        #expect(seen.all.count == 7)
        #expect(seen.finished.load(ordering: .relaxed) == 1)
    }

    @Test func elementErrorStopsThePipelineAndIsPosted() async throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("num-buffers", .int(-1))]), ("failafter", [("count", .int(3))]), ("recorder", []),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        await #expect(throws: PipelineError.element("failafter1", ElementError("failed after 3 buffers", debug: "as requested"))) {
            try await pipeline.run()
        }
        let seen = try #require(recording(pipeline, "recorder2"))
        #expect(seen.all.count == 3)
        #expect(seen.stopped.load(ordering: .relaxed) == 1)
        try #require(pipeline.state == .null)  // the run reached NULL, so the bus holds its last message
        var messages: [BusMessage] = []
        for await message in pipeline.bus {
            messages.append(message)
            if case .stateChanged(_, .null) = message { break }
        }
        #expect(messages.contains(.error(
            element: "failafter1", ElementError("failed after 3 buffers", debug: "as requested"))))
        #expect(!messages.contains(.endOfStream))
    }

    @Test func sourceErrorNamesTheSource() async throws {
        let graph = GraphBuilder.chain([("countsrc", [("fail-at", .int(2))]), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        await #expect(throws: PipelineError.element("countsrc0", ElementError("counting source failed at 2", debug: "requested"))) {
            try await pipeline.run()
        }
    }

    @Test func endOfStreamRequestDrainsALiveSource() async throws {
        let graph = GraphBuilder.chain([
            ("countsrc", [("num-buffers", .int(-1)), ("is-live", .bool(true))]), ("testqueue", []), ("recorder", []),
        ])
        let pipeline = try Pipeline(graph, registry: registry)
        try pipeline.setState(.playing)
        let task = Task { try await pipeline.run() }
        // Wait until buffers flow, then ask for EOS: every buffer produced reaches the sink.
        let seen = try #require(recording(pipeline, "recorder2"))
        await seen.wait(atLeast: 3)
        pipeline.sendEndOfStream()
        try await task.value
        #expect(seen.finished.load(ordering: .relaxed) == 1)
        #expect(seen.all.map(\.index) == (0..<UInt64(seen.all.count)).map { $0 })
    }

    @Test func stopEndsAnEndlessPipelineWithoutEOS() async throws {
        let graph = GraphBuilder.chain([("countsrc", [("num-buffers", .int(-1))]), ("testqueue", []), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        try pipeline.setState(.playing)
        let task = Task { try await pipeline.run() }
        let seen = try #require(recording(pipeline, "recorder2"))
        await seen.wait(atLeast: 100)
        pipeline.stop()
        try await task.value
        #expect(seen.finished.load(ordering: .relaxed) == 0)
        #expect(seen.stopped.load(ordering: .relaxed) == 1)
    }

    @Test func statesStepThroughGStreamersOrder() throws {
        let graph = GraphBuilder.chain([("countsrc", [("num-buffers", .int(1))]), ("recorder", [])])
        let pipeline = try Pipeline(graph, registry: registry)
        try pipeline.setState(.paused)
        #expect(pipeline.state == .paused)
        #expect(pipeline.negotiated?.linkCaps.count == 1)
        try pipeline.setState(.playing)
        #expect(pipeline.state == .playing)
        try pipeline.setState(.null)
        #expect(pipeline.state == .null)
        #expect(pipeline.negotiated?.linkCaps.count == 1)
    }

    @Test func invalidGraphsAreRejectedWithTheirCause() throws {
        var unlinked = GraphBuilder()
        unlinked.add("countsrc", "src")
        #expect(throws: PipelineError.invalidGraph("src's src pad \"src\" is not linked", span: nil)) {
            try Pipeline(unlinked.graph, registry: registry)
        }
        var twice = GraphBuilder()
        let s = twice.add("countsrc", "s"), a = twice.add("recorder", "a"), b = twice.add("recorder", "b")
        twice.link(s, a)
        twice.link(s, b)
        #expect(throws: PipelineError.invalidGraph("pad s.src is linked twice", span: nil)) {
            try Pipeline(twice.graph, registry: registry)
        }
        var unknown = GraphBuilder()
        unknown.add("countsrcc", "x")
        #expect(throws: PipelineError.invalidGraph("no element \"countsrcc\" (did you mean \"countsrc\"?)", span: nil)) {
            try Pipeline(unknown.graph, registry: registry)
        }
    }
}
