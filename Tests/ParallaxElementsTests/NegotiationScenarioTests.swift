import Parallax
import Testing

/// Negotiation scenarios over the stock elements, from launch strings: which converters the global
/// negotiator inserts (name, and between which written elements) and the fixed caps it puts on links, or
/// the exact diagnostic it gives.
@Suite struct NegotiationScenarioTests {
    /// A scenario that negotiates: the inserted converters as `name(factory): upstream→downstream`, and the
    /// fixed caps of links named `from>to` (compared as sets of formats, so field order does not matter).
    struct Success: CustomTestStringConvertible, Sendable {
        var launch: String
        var inserted: [String]
        var caps: [String: String]
        var strict = false
        var testDescription: String { launch }
    }

    static func v(_ format: String, _ width: Int, _ height: Int, _ rate: String = "30/1") -> String {
        "video/x-raw,format=\(format),width=\(width),height=\(height),framerate=\(rate)"
    }

    static func a(_ format: String, _ rate: Int, _ channels: Int) -> String {
        "audio/x-raw,format=\(format),rate=\(rate),channels=\(channels),layout=interleaved"
    }

    static let successes: [Success] = [
        // Chains that agree without help.
        Success(launch: "videotestsrc ! fakesink", inserted: [], caps: ["videotestsrc0>fakesink0": v("BGRA", 320, 240)]),
        Success(launch: "videotestsrc ! video/x-raw,format=RGBA,width=640,height=480 ! fakesink", inserted: [],
                caps: ["videotestsrc0>fakesink0": v("RGBA", 640, 480)]),
        Success(launch: "videotestsrc ! videoconvert ! video/x-raw,format=I420 ! fakesink", inserted: [],
                caps: ["videotestsrc0>videoconvert0": v("I420", 320, 240), "videoconvert0>fakesink0": v("I420", 320, 240)]),
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGBA ! fakesink",
                inserted: [], caps: ["videoconvert0>fakesink0": v("RGBA", 320, 240)]),
        Success(launch: "videotestsrc ! video/x-raw,format={NV12,I420} ! fakesink", inserted: [],
                caps: ["videotestsrc0>fakesink0": v("NV12", 320, 240)]),
        Success(launch: "videotestsrc ! videoconvert ! video/x-raw,format={I420,NV12} ! fakesink", inserted: [],
                caps: ["videotestsrc0>videoconvert0": v("I420", 320, 240)]),
        Success(launch: "videotestsrc ! videoscale ! video/x-raw,width=640 ! fakesink", inserted: [],
                caps: ["videotestsrc0>videoscale0": v("BGRA", 320, 240), "videoscale0>fakesink0": v("BGRA", 640, 480)]),
        Success(launch: "fakesrc num-buffers=1 ! fakesink", inserted: [], caps: ["fakesrc0>fakesink0": "ANY"]),
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! fakesink", inserted: [],
                caps: ["videotestsrc0>fakesink0": v("I420", 320, 240)], strict: true),
        // One converter.
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! identity ! video/x-raw,format=RGBA ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→identity0"],
                caps: ["videotestsrc0>videoconvert0": v("I420", 320, 240), "videoconvert0>identity0": v("RGBA", 320, 240),
                       "identity0>fakesink0": v("RGBA", 320, 240)]),
        Success(launch: "videotestsrc ! video/x-raw,width=320,height=240 ! identity ! video/x-raw,width=640,height=480 ! fakesink",
                inserted: ["videoscale0(videoscale): videotestsrc0→identity0"],
                caps: ["videotestsrc0>videoscale0": v("BGRA", 320, 240), "identity0>fakesink0": v("BGRA", 640, 480)]),
        Success(launch: "videotestsrc ! video/x-raw,width=1920,height=1080 ! identity ! video/x-raw,width=1280 ! fakesink",
                inserted: ["videoscale0(videoscale): videotestsrc0→identity0"],
                caps: ["identity0>fakesink0": v("BGRA", 1280, 720)]),
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! videoscale ! video/x-raw,format=RGBA,width=64,height=48 ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→videoscale0"],
                caps: ["videotestsrc0>videoconvert0": v("I420", 320, 240), "videoconvert0>videoscale0": v("RGBA", 320, 240),
                       "videoscale0>fakesink0": v("RGBA", 64, 48)]),
        Success(launch: "videotestsrc ! video/x-raw,format=YUY2,width=64,height=48 ! queue ! video/x-raw,format=GRAY8 ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→queue0"],
                caps: ["queue0>fakesink0": v("GRAY8", 64, 48)]),
        Success(launch: "videotestsrc name=videoconvert0 ! video/x-raw,format=I420 ! identity ! video/x-raw,format=BGRA ! fakesink",
                inserted: ["videoconvert1(videoconvert): videoconvert0→identity0"],
                caps: ["identity0>fakesink0": v("BGRA", 320, 240)]),
        // Two converters on one link.
        Success(launch: "videotestsrc ! video/x-raw,format=I420,width=1920,height=1080 ! identity ! video/x-raw,format=RGBA,width=1280 ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→identity0",
                           "videoscale0(videoscale): videotestsrc0→identity0"],
                caps: ["videoconvert0>videoscale0": v("RGBA", 1920, 1080), "identity0>fakesink0": v("RGBA", 1280, 720)]),
        // Constraints further down reach back through pass-through elements: both converters go first.
        Success(launch: "videotestsrc ! video/x-raw,format=GRAY8,width=64,height=48 ! identity ! "
                    + "video/x-raw,format=NV12 ! identity ! video/x-raw,width=32,height=24 ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→identity0",
                           "videoscale0(videoscale): videotestsrc0→identity0"],
                caps: ["videoscale0>identity0": v("NV12", 32, 24), "identity1>fakesink0": v("NV12", 32, 24)]),
        // A conflict on each side of one element: both are repaired (videobalance has no GRAY8).
        Success(launch: "videotestsrc ! video/x-raw,format=GRAY8,width=64,height=48 ! videobalance ! video/x-raw,format=GRAY8 ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→videobalance0",
                           "videoconvert1(videoconvert): videobalance0→fakesink0"],
                caps: ["videotestsrc0>videoconvert0": v("GRAY8", 64, 48), "videoconvert0>videobalance0": v("I420", 64, 48),
                       "videobalance0>videoconvert1": v("I420", 64, 48), "videoconvert1>fakesink0": v("GRAY8", 64, 48)]),
        // videoconvert keeps the size, so a size asked for after it is made before it.
        Success(launch: "videotestsrc ! video/x-raw,format=I420,width=64,height=48 ! videoscale ! "
                    + "video/x-raw,width=32,height=24 ! videoconvert ! video/x-raw,format=RGBA,width=16 ! fakesink",
                inserted: ["videoscale1(videoscale): videoscale0→videoconvert0"],
                caps: ["videoscale0>videoscale1": v("I420", 32, 24), "videoscale1>videoconvert0": v("I420", 16, 12),
                       "videoconvert0>fakesink0": v("RGBA", 16, 12)]),
        // Tees: the branch that disagrees gets the converter.
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! video/x-raw,format=I420 ! fakesink "
                    + "t. ! queue ! video/x-raw,format=RGBA ! fakesink",
                inserted: ["videoconvert0(videoconvert): t→queue1"],
                caps: ["queue0>fakesink0": v("I420", 320, 240), "videoconvert0>queue1": v("RGBA", 320, 240)]),
        Success(launch: "videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=NV12 ! fakesink "
                    + "t. ! queue ! video/x-raw,format=GRAY8 ! fakesink",
                inserted: ["videoconvert0(videoconvert): t→queue1"],
                caps: ["videotestsrc0>t": v("NV12", 320, 240), "queue1>fakesink1": v("GRAY8", 320, 240)]),
        // A size only one branch asks for reaches the source through the tee: no scaler is needed.
        Success(launch: "videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=RGBA ! fakesink "
                    + "t. ! queue ! video/x-raw,format=RGBA,width=160,height=120 ! fakesink",
                inserted: [], caps: ["t>queue0": v("RGBA", 160, 120), "queue1>fakesink1": v("RGBA", 160, 120)]),
        Success(launch: "videotestsrc ! video/x-raw,width=320,height=240 ! tee name=t t. ! queue ! fakesink "
                    + "t. ! queue ! video/x-raw,width=160,height=120 ! fakesink",
                inserted: ["videoscale0(videoscale): t→queue1"],
                caps: ["t>queue0": v("BGRA", 320, 240), "queue1>fakesink1": v("BGRA", 160, 120)]),
        Success(launch: "videotestsrc ! video/x-raw,format=I420 ! tee name=t t. ! queue ! video/x-raw,format=RGBA ! fakesink "
                    + "t. ! queue ! video/x-raw,format=BGRA ! fakesink",
                inserted: ["videoconvert0(videoconvert): videotestsrc0→t", "videoconvert1(videoconvert): t→queue1"],
                caps: ["videoconvert0>t": v("RGBA", 320, 240), "videoconvert1>queue1": v("BGRA", 320, 240)]),
        Success(launch: "videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=I420 ! fakesink "
                    + "t. ! queue ! video/x-raw,format=NV12 ! fakesink t. ! queue ! video/x-raw,format=I420 ! fakesink",
                inserted: ["videoconvert0(videoconvert): t→queue1"],
                caps: ["t>queue2": v("I420", 320, 240), "videoconvert0>queue1": v("NV12", 320, 240)]),
        Success(launch: "videotestsrc ! tee name=t t. ! queue ! video/x-raw,width=100,height=100 ! fakesink "
                    + "t. ! queue ! fakesink",
                inserted: [], caps: ["videotestsrc0>t": v("BGRA", 100, 100), "queue1>fakesink1": v("BGRA", 100, 100)]),
        // Audio.
        Success(launch: "audiotestsrc ! fakesink", inserted: [], caps: ["audiotestsrc0>fakesink0": a("S16LE", 44100, 1)]),
        Success(launch: "audiotestsrc ! audio/x-raw,format=F32LE ! identity ! audio/x-raw,format=S16LE ! fakesink",
                inserted: ["audioconvert0(audioconvert): audiotestsrc0→identity0"],
                caps: ["audiotestsrc0>audioconvert0": a("F32LE", 44100, 1), "identity0>fakesink0": a("S16LE", 44100, 1)]),
        Success(launch: "audiotestsrc ! audio/x-raw,rate=48000 ! identity ! audio/x-raw,rate=44100 ! fakesink",
                inserted: ["audioresample0(audioresample): audiotestsrc0→identity0"],
                caps: ["audiotestsrc0>audioresample0": a("S16LE", 48000, 1), "identity0>fakesink0": a("S16LE", 44100, 1)]),
        Success(launch: "audiotestsrc ! audio/x-raw,channels=1 ! identity ! audio/x-raw,channels=2 ! fakesink",
                inserted: ["audioconvert0(audioconvert): audiotestsrc0→identity0"],
                caps: ["identity0>fakesink0": a("S16LE", 44100, 2)]),
        Success(launch: "audiotestsrc ! audio/x-raw,format=F32LE,rate=48000,channels=2 ! identity ! "
                    + "audio/x-raw,format=S16LE,rate=44100,channels=1 ! fakesink",
                inserted: ["audioconvert0(audioconvert): audiotestsrc0→identity0",
                           "audioresample0(audioresample): audiotestsrc0→identity0"],
                caps: ["audioconvert0>audioresample0": a("S16LE", 48000, 1), "identity0>fakesink0": a("S16LE", 44100, 1)]),
        // audiotestsrc fixes format and channels to its own defaults, as GStreamer's does; audioconvert converts.
        Success(launch: "audiotestsrc ! audioconvert ! audio/x-raw,format=F32LE,channels=2 ! fakesink", inserted: [],
                caps: ["audiotestsrc0>audioconvert0": a("S16LE", 44100, 1), "audioconvert0>fakesink0": a("F32LE", 44100, 2)]),
        Success(launch: "audiotestsrc ! audioresample ! audio/x-raw,rate=22050 ! fakesink", inserted: [],
                caps: ["audiotestsrc0>audioresample0": a("S16LE", 44100, 1), "audioresample0>fakesink0": a("S16LE", 22050, 1)]),
        Success(launch: "audiotestsrc ! audio/x-raw,rate=8000 ! tee name=t t. ! queue ! fakesink "
                    + "t. ! queue ! audio/x-raw,rate=16000 ! fakesink",
                inserted: ["audioresample0(audioresample): t→queue1"],
                caps: ["t>queue0": a("S16LE", 8000, 1), "queue1>fakesink1": a("S16LE", 16000, 1)]),
    ]

    @Test(arguments: successes)
    func negotiates(_ scenario: Success) throws {
        let pipeline = try Pipeline(launch: scenario.launch, strict: scenario.strict)
        let result = try pipeline.negotiate()
        let graph = result.graph
        let inserted = graph.nodes.filter(\.isInserted).map { node in
            "\(node.name)(\(node.factory)): \(node.insertion!.upstream)→\(node.insertion!.downstream)"
        }
        #expect(inserted == scenario.inserted)
        for (key, expected) in scenario.caps {
            let link = graph.links.indices.first { "\(graph.nodes[graph.links[$0].from.node].name)>\(graph.nodes[graph.links[$0].to.node].name)" == key }
            let index = try #require(link, "no link \(key)")
            let caps = result.linkCaps[index]
            let want = try Caps(parsing: expected)
            #expect(caps.isFixed || caps.isAny, "\(key): \(caps) is not fixed")
            #expect(caps.isSubset(of: want) && want.isSubset(of: caps), "\(key): \(caps) is not \(expected)")
        }
        // Every link of the negotiated graph is fixed, and each converter's sides differ as it was put there for.
        #expect(result.linkCaps.allSatisfy { $0.isFixed || $0.isAny })
        #expect(result.linkCaps.count == graph.links.count)
    }

    @Test func negotiationIsDeterministic() throws {
        let launch = "videotestsrc ! tee name=t t. ! queue ! video/x-raw,format=NV12 ! fakesink "
            + "t. ! queue ! video/x-raw,format=GRAY8,width=64 ! fakesink"
        let first = try Pipeline(launch: launch).negotiate()
        for _ in 0..<3 { #expect(try Pipeline(launch: launch).negotiate() == first) }
    }

    @Test func anInsertedConverterRunsInThePipeline() async throws {
        let pipeline = try Pipeline(
            launch: "videotestsrc num-buffers=3 ! video/x-raw,format=I420,width=64,height=48 ! identity ! "
                + "video/x-raw,format=RGBA ! fakesink")
        try await pipeline.run()
        let converter = try #require(pipeline.statistics.first { $0.element == "videoconvert0" })
        #expect(converter.buffers == 3)
        let sink = try #require(pipeline.statistics.first { $0.element == "fakesink0" })
        #expect(sink.bytes == 3 * 64 * 48 * 4)
        #expect(pipeline.negotiated?.insertedNodes.map(\.name) == ["videoconvert0"])
    }

    @Test func insertedAudioConvertersRunInThePipeline() async throws {
        let pipeline = try Pipeline(
            launch: "audiotestsrc num-buffers=10 ! audio/x-raw,format=F32LE,rate=48000,channels=2 ! identity ! "
                + "audio/x-raw,format=S16LE,rate=44100,channels=1 ! fakesink")
        try await pipeline.run()
        let sink = try #require(pipeline.statistics.first { $0.element == "fakesink0" })
        // 10 × 1024 frames at 48 kHz become about 9408 frames at 44.1 kHz, less the filter's look-ahead.
        let frames = Int(sink.bytes) / 2
        #expect(frames > 9408 - 100 && frames <= 9408)
    }
}

/// The typed builder takes the same `strict` option.
@Suite struct TypedPipelineNegotiationTests {
    static func pipeline(strict: Bool) throws -> Pipeline {
        var filter = CapsFilter()
        filter.caps = try Caps(parsing: "video/x-raw,format=I420,width=32,height=24")
        var rgba = CapsFilter()
        rgba.caps = try Caps(parsing: "video/x-raw,format=RGBA")
        return try Pipeline(strict: strict) {
            VideoTestSource().with(\.numBuffers, 1)
            filter
            Identity()
            rgba
            FakeSink()
        }
    }

    @Test func insertsAConverterByDefault() throws {
        let result = try Self.pipeline(strict: false).negotiate()
        #expect(result.insertedNodes.map(\.factory) == ["videoconvert"])
    }

    @Test func strictFailsAndNamesTheConverter() throws {
        #expect {
            _ = try Self.pipeline(strict: true).negotiate()
        } throws: { error in
            guard case .negotiation(let negotiation)? = error as? PipelineError else { return false }
            return negotiation.help?.hasPrefix("insert videoconvert") == true
        }
    }
}
