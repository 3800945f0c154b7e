import Parallax
import Testing

@Suite struct VulkanPlacementTests {
    static let onto = "videotestsrc num-buffers=3 ! video/x-raw,format=RGBA,width=64,height=48 ! vulkanconvert ! "
        + "\"video/x-raw(memory:GPUMemory),format=I420\" ! vulkanscale ! \"video/x-raw(memory:GPUMemory),width=32,height=24\" ! fakesink"
    static let off = "videotestsrc num-buffers=3 ! video/x-raw,format=RGBA,width=64,height=48 ! vulkanupload ! vulkanscale ! "
        + "video/x-raw,width=32,height=24 ! fakesink"

    static func inserted(_ launch: String) throws -> [String] {
        let pipeline = try Pipeline(launch: launch)
        do throws(PipelineError) {
            let result = try pipeline.negotiate()
            return result.graph.nodes.filter(\.isInserted).map { node in
                "\(node.name)(\(node.factory)): \(node.insertion!.upstream)→\(node.insertion!.downstream)"
            }
        } catch {
            Issue.record("\(error.rendered(in: launch))")
            return []
        }
    }

    @Test func negotiationInsertsOneUploadBeforeConsecutiveGPUElements() throws {
        #expect(try Self.inserted(Self.onto) == ["vulkanupload0(vulkanupload): videotestsrc0→vulkanconvert0"])
    }

    @Test func negotiationInsertsADownloadWhereSystemMemoryFollows() throws {
        #expect(try Self.inserted(Self.off) == ["vulkandownload0(vulkandownload): vulkanscale0→fakesink0"])
    }

    @Test func theNegotiatedPipelinesRunOnTheGPU() async throws {
        guard try VulkanTestDevice.available() != nil else { return }
        let onto = try Pipeline(launch: Self.onto)
        try await onto.run()
        let gpuSink = try #require(onto.statistics.first { $0.element == "fakesink0" })
        #expect(gpuSink.buffers == 3)
        #expect(gpuSink.bytes == 3 * (32 * 24 + 2 * 16 * 12))
        let off = try Pipeline(launch: Self.off)
        try await off.run()
        let sink = try #require(off.statistics.first { $0.element == "fakesink0" })
        #expect(sink.bytes == 3 * 32 * 24 * 4)
    }
}
