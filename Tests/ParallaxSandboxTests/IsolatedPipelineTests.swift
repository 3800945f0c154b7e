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
