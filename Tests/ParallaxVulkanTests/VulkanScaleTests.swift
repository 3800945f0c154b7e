import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VulkanScaleTests {
    static let formats: [VideoFormat] = [.rgba, .bgrx, .rgb, .i420, .yv12, .nv12, .nv21, .y444, .gray8]
    /// Down, up, halving (2:1 on each axis), one axis only, and odd sizes.
    static let sizes: [(Int, Int, Int, Int)] = [
        (321, 241, 160, 120), (160, 120, 321, 241), (320, 240, 160, 120), (321, 241, 321, 100),
        (321, 241, 97, 241), (64, 48, 1, 1),
    ]

    @Test(arguments: formats)
    func matchesVideoScaleBilinear(format: VideoFormat) throws {
        guard try VulkanTestDevice.available() != nil else { return }
        for (iw, ih, ow, oh) in Self.sizes {
            let input = VideoInfo(format: format, width: iw, height: ih)
            let output = VideoInfo(format: format, width: ow, height: oh)
            let frame = VulkanPipelineSupport.noise(input, seed: UInt32(iw * 7 + ow))
            let gpu = try VulkanPipelineSupport.onGPU(VulkanScale(), frame, from: input, to: output)
            let cpu = try VulkanPipelineSupport.onCPU(VideoScale(), frame, from: input, to: output)
            let worst = try #require(VulkanPipelineSupport.largestDifference(gpu, cpu))
            #expect(worst.difference <= 1, "\(format.name) \(iw)×\(ih) → \(ow)×\(oh): byte \(worst.at) differs by \(worst.difference)")
        }
    }

    @Test func keepsTheFormatAndFreesTheSize() throws {
        let caps = try Caps(parsing: "video/x-raw(memory:GPUMemory),format=I420,width=64,height=48")
        let other = VulkanScale().transformCaps(caps, from: .sink)
        #expect(other == (try Caps(parsing:
            "video/x-raw(memory:GPUMemory),format=I420,width=[1,2147483647],height=[1,2147483647]")))
    }
}
