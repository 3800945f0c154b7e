import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VulkanConvertTests {
    static let formats: [VideoFormat] = [.rgba, .bgra, .rgbx, .bgrx, .i420, .yv12, .nv12, .nv21]

    /// Every pair of formats.
    static let cases: [(VideoFormat, VideoFormat)] = formats.flatMap { a in formats.map { b in (a, b) } }
    /// Above 576 lines (BT.709, co-sited chroma from RGB, co-sited interpolation of NV12/NV21 to RGB): the pairs
    /// whose arithmetic changes there, and a repacking.
    static let tallCases: [(VideoFormat, VideoFormat)] = [
        (.rgba, .i420), (.bgrx, .nv12), (.rgbx, .nv21), (.bgra, .yv12), (.nv12, .rgba), (.nv21, .bgrx),
        (.i420, .rgbx), (.yv12, .bgra), (.i420, .nv12),
    ]

    static func compare(_ from: VideoFormat, _ to: VideoFormat, width: Int, height: Int) throws {
        let input = VideoInfo(format: from, width: width, height: height)
        let output = VideoInfo(format: to, width: width, height: height)
        let frame = VulkanPipelineSupport.noise(input, seed: UInt32(width))
        let gpu = try VulkanPipelineSupport.onGPU(VulkanConvert(), frame, from: input, to: output)
        let cpu = try VulkanPipelineSupport.onCPU(VideoConvert(), frame, from: input, to: output)
        let worst = try #require(VulkanPipelineSupport.largestDifference(gpu, cpu))
        #expect(worst.difference <= 1, "\(from.name) → \(to.name) \(width)×\(height): byte \(worst.at) differs by \(worst.difference)")
    }

    @Test(arguments: cases)
    func matchesVideoConvertAtAnOddSize(from: VideoFormat, to: VideoFormat) throws {
        guard try VulkanTestDevice.available() != nil else { return }
        try Self.compare(from, to, width: 321, height: 241)
    }

    @Test(arguments: tallCases)
    func matchesVideoConvertAbove576Lines(from: VideoFormat, to: VideoFormat) throws {
        guard try VulkanTestDevice.available() != nil else { return }
        try Self.compare(from, to, width: 203, height: 579)
    }

    @Test func keepsTheFormatsItHasAndDropsColorimetry() throws {
        let caps = try Caps(parsing: "video/x-raw(memory:GPUMemory),format=NV12,width=64,height=48,colorimetry=bt709")
        let other = VulkanConvert().transformCaps(caps, from: .sink)
        #expect(other == (try Caps(parsing:
            "video/x-raw(memory:GPUMemory),format={NV12,I420,YV12,NV21,RGBA,BGRA,RGBx,BGRx},width=64,height=48")))
    }

    @Test func passesNoSystemMemoryCapsOn() throws {
        let caps = try Caps(parsing: "video/x-raw,format=I420,width=64,height=48")
        #expect(VulkanConvert().transformCaps(caps, from: .src).isEmpty)
        #expect(VulkanScale().transformCaps(caps, from: .src).isEmpty)
    }

    @Test func refusesAnotherSize() throws {
        let a = VulkanPipelineSupport.caps(VideoInfo(format: .rgba, width: 64, height: 48), gpu: true)
        let b = VulkanPipelineSupport.caps(VideoInfo(format: .i420, width: 32, height: 48), gpu: true)
        var element = VulkanConvert()
        #expect(throws: ElementError("vulkanconvert cannot change the frame size.", debug: "64×48 → 32×48")) {
            try element.setCaps(input: a, output: b)
        }
    }
}
