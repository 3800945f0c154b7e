import Glibc
import ParallaxCore
import ParallaxElements
import ParallaxParse
import ParallaxRuntime
import ParallaxSandbox
import Testing

@Suite(.serialized) struct IsolatedPipelineTests {
    static let pipeline =
        "videotestsrc num-buffers=12 pattern=ball ! video/x-raw,format=RGBA,width=64,height=48 ! identity "
        + "! videoconvert ! video/x-raw,format=I420 ! chaos ! appsink name=out sync=false"

    @Test func everyModeGivesTheSameBytes() async throws {
        let inProcess = try await IsolatedRun.run(Self.pipeline, mode: .inProcess)
        let isolated = try await IsolatedRun.run(Self.pipeline, mode: .isolated())
        let grouped = try await IsolatedRun.run(
            Self.pipeline, mode: .grouped(isolate: ["video*"], groups: ["identity0": "g", "chaos0": "g"]))
        #expect(inProcess.error == nil)
        #expect(isolated.error == nil)
        #expect(grouped.error == nil)
        #expect(inProcess.buffers.count == 12)
        #expect(inProcess.buffers.allSatisfy { $0.count == 64 * 48 * 3 / 2 })
        #expect(isolated.buffers == inProcess.buffers)
        #expect(grouped.buffers == inProcess.buffers)
        #expect(isolated.restarts.isEmpty)
    }

    /// A resampler sending its tail at end-of-stream (`drain`) after `level` posted on the bus (`ctx.post`).
    static func draining(_ sink: String = "appsink name=out sync=false") -> String {
        "audiotestsrc num-buffers=6 samplesperbuffer=960 wave=sine ! audio/x-raw,format=S16LE,rate=48000,channels=1 "
            + "! level interval=10000000 post-messages=true ! audioresample ! audio/x-raw,rate=44100 ! \(sink)"
    }

    /// A payloader cutting each frame into packets (`ctx.emit`).
    static let payloading =
        "videotestsrc num-buffers=3 pattern=ball ! video/x-raw,format=UYVY,width=64,height=48 ! rtpvrawpay mtu=400 "
        + "! appsink name=out sync=false"

    @Test func elementsThatEmitDrainAndPostGiveTheSameResultIsolated() async throws {
        let groups = ["level0": "g", "audioresample0": "g"]
        let inProcess = try await IsolatedRun.run(Self.draining(), mode: .inProcess)
        let isolated = try await IsolatedRun.run(Self.draining(), mode: .isolated())
        let grouped = try await IsolatedRun.run(Self.draining(), mode: .grouped(isolate: [], groups: groups))
        #expect(inProcess.error == nil)
        #expect(isolated.error == nil, "\(String(describing: isolated.error))")
        #expect(grouped.error == nil, "\(String(describing: grouped.error))")
        // 6 × 960 samples at 48 kHz are 5292 at 44.1 kHz; the last come from the resampler's drain.
        #expect(inProcess.buffers.map(\.count).reduce(0, +) == 5292 * 2)
        #expect(isolated.buffers.map(\.count) == inProcess.buffers.map(\.count))
        #expect(isolated.buffers == inProcess.buffers)
        #expect(grouped.buffers == inProcess.buffers)
        func levels(_ run: IsolatedRun) -> [String] {
            run.messages.compactMap {
                if case .element(let element, let structure) = $0, element == "level0" { return structure.description }
                return nil
            }
        }
        #expect(levels(inProcess).count == 12)  // every 10 ms of 120 ms
        #expect(levels(isolated) == levels(inProcess))
        #expect(levels(grouped) == levels(inProcess))
        #expect(isolated.restarts.isEmpty)

        let packets = try await IsolatedRun.run(Self.payloading, mode: .inProcess)
        let isolatedPackets = try await IsolatedRun.run(Self.payloading, mode: .isolated())
        #expect(packets.buffers.count > 3 * 64 * 48 * 2 / 400)
        // Each run draws its own SSRC and first sequence number; what follows the RTP header is the same.
        #expect(isolatedPackets.buffers.map { $0.dropFirst(12) } == packets.buffers.map { $0.dropFirst(12) })
    }

    /// A demuxer gathering each frame over several input blocks keeps its output slot across calls.
    @Test func aFrameGatheredOverSeveralCallsArrivesWholeIsolated() async throws {
        let directory = ScratchDirectory()
        let file = directory.file("in.mkv")
        defer { directory.remove("in.mkv") }
        let writer = try Pipeline(
            LaunchParser(registry: .stock).parse(
                "videotestsrc num-buffers=5 pattern=ball ! video/x-raw,format=I420,width=64,height=48 "
                    + "! matroskamux ! filesink location=\(file)"), registry: .stock)
        try await writer.run()
        let reading = "filesrc location=\(file) blocksize=1000 ! matroskademux ! appsink name=out sync=false"
        let inProcess = try await IsolatedRun.run(reading, mode: .inProcess)
        let isolated = try await IsolatedRun.run(reading, mode: .isolated())
        #expect(inProcess.buffers.count == 5)
        #expect(inProcess.buffers.allSatisfy { $0.count == 64 * 48 * 3 / 2 })
        #expect(isolated.error == nil, "\(String(describing: isolated.error))")
        #expect(isolated.buffers == inProcess.buffers)
        #expect(isolated.restarts.isEmpty)
    }

    /// A transform alone in its host hands each result on one call late (its host works on a buffer while
    /// upstream makes the next): every buffer still arrives, in order, with the timing the host gave it, the
    /// last one before end-of-stream. A passthrough element in front is called one buffer at a time.
    @Test func anIsolatedTransformHandsOnEveryBufferInOrderBeforeTheStreamEnds() async throws {
        let graph = try LaunchParser(registry: IsolatedRun.registry).parse(
            "appsrc name=src caps=video/x-raw,format=GRAY8,width=8,height=4,framerate=100/1 ! identity ! chaos "
                + "! appsink name=out sync=false")
        let pipeline = try Pipeline(
            graph, registry: IsolatedRun.registry, placement: IsolatingPlacement(mode: .isolated()))
        #expect(pipeline.placementDescription.filter { $0.contains(": own host") }.count == 2)
        let feed = try #require((pipeline.element(named: "src") as? AppSource)?.feed)
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let run: Void = pipeline.run()
        for value in UInt8(0)..<20 {
            var buffer = Buffer(copying: [UInt8](repeating: value, count: 32))
            buffer.pts = .milliseconds(10 * UInt64(value))
            await feed.push(buffer)
        }
        feed.endOfStream()
        var frames: [(bytes: [UInt8], pts: ClockTime?)] = []
        for await buffer in sink.buffers { frames.append((buffer.byteArray, buffer.pts)) }
        try await run
        #expect(frames.map(\.bytes) == (0..<20).map { [UInt8](repeating: UInt8($0), count: 32) })
        #expect(frames.map(\.pts) == (0..<20).map { ClockTime.milliseconds(10 * UInt64($0)) })
    }

    #if Vulkan
    /// GPU buffers cannot reach an element host yet, so the Vulkan elements stay in the pipeline's process.
    @Test func vulkanElementsStayInProcessWhenEverythingIsIsolated() throws {
        let graph = try LaunchParser(registry: .stock).parse(
            "videotestsrc num-buffers=1 ! vulkanupload ! vulkanconvert ! vulkanscale ! vulkandownload ! fakesink")
        let pipeline = try Pipeline(graph, registry: .stock, placement: IsolatingPlacement(mode: .isolated()))
        let sites = pipeline.placementDescription
        #expect(sites.filter { $0.hasPrefix("vulkan") }.count == 4)
        #expect(sites.filter { $0.hasPrefix("vulkan") }.allSatisfy { $0.hasSuffix(": in-process") }, "\(sites)")
    }
    #endif

    @Test func anElementThatSendsOutputsOfItsOwnGetsItsOwnHostInAGroup() throws {
        let graph = try LaunchParser(registry: .stock).parse(Self.draining("wavenc ! fakesink"))
        let placement = IsolatingPlacement(
            mode: .grouped(isolate: [], groups: ["level0": "g", "audioresample0": "g", "wavenc0": "g"]))
        let pipeline = try Pipeline(graph, registry: .stock, placement: placement)
        let sites = pipeline.placementDescription
        #expect(sites.filter { $0.hasPrefix("wavenc0: own host") || $0.hasPrefix("audioresample0: own host") }.count == 2)
        #expect(sites.filter { $0.contains("host of group g") } == ["level0: host of group g, \(ElementSandbox())"])
    }
}

/// File elements in hosts that cannot open files: the supervisor opens the files and passes descriptors.
@Suite(.serialized) struct IsolatedFileTests {
    @Test func filesrcAndFilesinkWorkIsolatedThroughPassedDescriptors() async throws {
        let directory = ScratchDirectory()
        let input = directory.file("in")
        let output = directory.file("out")
        defer { directory.remove("in", "out") }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let fd = open(input, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        close(fd)
        let graph = try LaunchParser(registry: .stock).parse(
            "filesrc location=\(input) blocksize=1000 ! identity ! filesink location=\(output)")
        let pipeline = try Pipeline(graph, registry: .stock, placement: IsolatingPlacement(mode: .isolated()))
        #expect(pipeline.placementDescription.filter { $0.contains("own host") }.count == 3)
        try await pipeline.run()
        let copy = open(output, O_RDONLY)
        var read = [UInt8](repeating: 0, count: 20_000)
        let count = read.withUnsafeMutableBytes { Glibc.read(copy, $0.baseAddress, $0.count) }
        close(copy)
        #expect(Array(read[..<max(count, 0)]) == bytes)
    }

    @Test func aMissingInputIsTheSameErrorAsInProcess() async throws {
        let graph = try LaunchParser(registry: .stock).parse("filesrc location=/nonexistent/input ! fakesink")
        let pipeline = try Pipeline(graph, registry: .stock, placement: IsolatingPlacement(mode: .isolated()))
        let error = await #expect(throws: PipelineError.self) { try await pipeline.run() }
        #expect(error?.description.contains("Could not open file \"/nonexistent/input\" for reading.") == true,
                "\(String(describing: error))")
    }
}
