import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VulkanTransferTests {
    @Test(arguments: [VideoFormat.rgba, .i420, .nv12])
    func uploadThenDownloadGivesTheSameBytes(format: VideoFormat) throws {
        guard try VulkanTestDevice.available() != nil else { return }
        let info = VideoInfo(format: format, width: 321, height: 241)
        let frame = VulkanPipelineSupport.noise(info)
        var withTiming = frame
        withTiming.pts = .milliseconds(40)
        let result = try VulkanPipelineSupport.onGPU(Identity(), withTiming, from: info, to: info)
        #expect(result.byteArray == frame.byteArray)
        #expect(result.pts == .milliseconds(40))
    }

    @Test func uploadMovesCapsIntoGPUMemoryAndDownloadOut() throws {
        let raw = try Caps(parsing: "video/x-raw,format=I420,width=64,height=48")
        let gpu = try Caps(parsing: "video/x-raw(memory:GPUMemory),format=I420,width=64,height=48")
        #expect(VulkanUpload().transformCaps(raw, from: .sink) == gpu)
        #expect(VulkanUpload().transformCaps(gpu, from: .src) == raw)
        #expect(VulkanDownload().transformCaps(gpu, from: .sink) == raw)
        #expect(VulkanDownload().transformCaps(raw, from: .src) == gpu)
    }

    @Test func downloadRefusesBuffersOutsideVulkanMemory() throws {
        guard try VulkanTestDevice.available() != nil else { return }
        let info = VideoInfo(format: .gray8, width: 8, height: 2)
        let harness = try ElementHarness(
            VulkanDownload(), inputCaps: VulkanPipelineSupport.caps(info, gpu: true), outputCaps: info.caps)
        #expect(throws: ElementError("vulkandownload received a buffer that is not in Vulkan memory.")) {
            _ = try harness.push(Buffer(capacity: info.size))
        }
    }
}
