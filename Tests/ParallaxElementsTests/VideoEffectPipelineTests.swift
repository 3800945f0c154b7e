import Parallax
import Testing

@Suite struct VideoEffectPipelineTests {
    /// The four elements in one running pipeline: sizes follow through negotiation and every frame arrives.
    @Test func theFourEffectsRunInOnePipeline() async throws {
        let pipeline = try Pipeline(
            launch: "videotestsrc num-buffers=2 ! video/x-raw,format=I420,width=64,height=48 ! videoflip method=clockwise ! "
                + "videocrop left=2 ! videobox top=-2 fill=white ! videobalance hue=0.3 ! fakesink")
        try await pipeline.run()
        // 48×64 after the rotation, 46×64 after the crop, 46×66 with the border: I420 of 48·66 + 2·24·33 bytes.
        let sink = try #require(pipeline.statistics.first { $0.element == "fakesink0" })
        #expect(sink.buffers == 2)
        #expect(sink.bytes == 2 * (48 * 66 + 2 * 24 * 33))
    }
}
