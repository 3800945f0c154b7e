import Parallax
import ParallaxElements
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

    /// Neither transfer written: the upload and the download are both inserted, and the frames equal the CPU
    /// elements' within ±1 per sample.
    static let both = "videotestsrc num-buffers=2 ! video/x-raw,format=RGBA,width=64,height=48 ! vulkanconvert ! "
        + "vulkanscale ! video/x-raw,format=I420,width=32,height=24 ! appsink name=out sync=false"
    static let cpu = "videotestsrc num-buffers=2 ! video/x-raw,format=RGBA,width=64,height=48 ! videoconvert ! "
        + "video/x-raw,format=I420 ! videoscale ! video/x-raw,format=I420,width=32,height=24 ! appsink name=out sync=false"

    @Test func negotiationInsertsAnUploadAndADownloadInOneChain() throws {
        #expect(try Self.inserted(Self.both) == [
            "vulkanupload0(vulkanupload): videotestsrc0→vulkanconvert0",
            "vulkandownload0(vulkandownload): vulkanscale0→out",
        ])
        let result = try Pipeline(launch: Self.both).negotiate()
        let links = result.graph.links.indices.map { index in
            let link = result.graph.links[index]
            let memory = result.memory(ofLink: index) == .gpu ? "gpu" : "cpu"
            let format = result.linkCaps[index].structures.first?.string("format") ?? "?"
            return "\(result.graph.nodes[link.from.node].name)>\(result.graph.nodes[link.to.node].name) \(memory) \(format)"
        }
        #expect(links == [
            "videotestsrc0>vulkanupload0 cpu RGBA", "vulkanupload0>vulkanconvert0 gpu RGBA",
            "vulkanconvert0>vulkanscale0 gpu I420", "vulkanscale0>vulkandownload0 gpu I420",
            "vulkandownload0>out cpu I420",
        ])
    }

    @Test func bothInsertedTransfersGiveTheCPUElementsBytes() async throws {
        guard try VulkanTestDevice.available() != nil else { return }
        let gpu = try await Self.frames(Self.both)
        let cpu = try await Self.frames(Self.cpu)
        #expect(gpu.count == 2)
        #expect(gpu.map(\.count) == cpu.map(\.count))
        for (a, b) in zip(gpu, cpu) {
            let worst = zip(a, b).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(worst <= 1)
        }
    }

    /// The bytes of every frame the pipeline's appsink `out` receives.
    static func frames(_ launch: String) async throws -> [[UInt8]] {
        let pipeline = try Pipeline(launch: launch)
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        async let received: [[UInt8]] = {
            var frames: [[UInt8]] = []
            for await buffer in sink.buffers { frames.append(buffer.byteArray) }
            return frames
        }()
        try await pipeline.run()
        return await received
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
