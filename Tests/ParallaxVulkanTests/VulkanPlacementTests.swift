import Parallax
import Testing

@Suite struct VulkanPlacementTests {
    static let launch = "videotestsrc num-buffers=3 ! video/x-raw,format=RGBA,width=64,height=48 ! vulkanconvert ! "
        + "vulkanscale ! video/x-raw,format=I420,width=32,height=24 ! fakesink"

    @Test func negotiationInsertsOneUploadAndOneDownloadAroundTheGPUElements() throws {
        let result = try Pipeline(launch: Self.launch).negotiate()
        let inserted = result.graph.nodes.filter(\.isInserted).map { node in
            "\(node.name)(\(node.factory)): \(node.insertion!.upstream)→\(node.insertion!.downstream)"
        }
        #expect(inserted == [
            "vulkanupload0(vulkanupload): videotestsrc0→vulkanconvert0",
            "vulkandownload0(vulkandownload): vulkanscale0→fakesink0",
        ])
    }

    @Test func theNegotiatedPipelineRunsOnTheGPU() async throws {
        guard try VulkanTestDevice.available() != nil else { return }
        let pipeline = try Pipeline(launch: Self.launch)
        try await pipeline.run()
        let sink = try #require(pipeline.statistics.first { $0.element == "fakesink0" })
        #expect(sink.buffers == 3)
        #expect(sink.bytes == 3 * (32 * 24 + 2 * 16 * 12))
    }
}
