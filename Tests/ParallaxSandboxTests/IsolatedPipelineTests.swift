import ParallaxCore
import ParallaxElements
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
