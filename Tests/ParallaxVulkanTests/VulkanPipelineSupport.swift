import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

/// Runs frames through Vulkan elements (upload, the element, download) and through their CPU counterparts.
enum VulkanPipelineSupport {
    /// `info`'s caps, in GPU memory when `gpu`.
    static func caps(_ info: VideoInfo, gpu: Bool) -> Caps {
        var structure = info.caps.structures[0]
        if gpu { structure.features = [MemoryType.gpu.capsFeature] }
        return Caps([structure])
    }

    /// A frame of `info` filled with a deterministic pseudo-random pattern (`seed`).
    static func noise(_ info: VideoInfo, seed: UInt32 = 1) -> Buffer {
        var state = seed &* 2_654_435_761 &+ 1
        return Buffer(copying: (0..<info.size).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        })
    }

    /// `frame` uploaded, passed through `element` (GPU memory on both sides), and downloaded.
    static func onGPU<E: Transform>(_ element: E, _ frame: Buffer, from input: VideoInfo, to output: VideoInfo) throws -> Buffer {
        let upload = try ElementHarness(VulkanUpload(), inputCaps: caps(input, gpu: false), outputCaps: caps(input, gpu: true))
        let middle = try ElementHarness(element, inputCaps: caps(input, gpu: true), outputCaps: caps(output, gpu: true))
        let download = try ElementHarness(VulkanDownload(), inputCaps: caps(output, gpu: true), outputCaps: caps(output, gpu: false))
        _ = try upload.push(frame)
        let uploaded = try #require(upload.pull())
        #expect(uploaded.storage.arena?.memoryType == .gpu)
        _ = try middle.push(uploaded)
        let processed = try #require(middle.pull())
        #expect(processed.storage.arena?.memoryType == .gpu)
        _ = try download.push(processed)
        let result = try #require(download.pull())
        try upload.finish()
        try middle.finish()
        try download.finish()
        return result
    }

    /// `frame` through the CPU `element` in system memory.
    static func onCPU<E: Transform>(_ element: E, _ frame: Buffer, from input: VideoInfo, to output: VideoInfo) throws -> Buffer {
        let harness = try ElementHarness(element, inputCaps: input.caps, outputCaps: output.caps)
        _ = try harness.push(frame)
        let result = try #require(harness.pull())
        try harness.finish()
        return result
    }

    /// The largest difference between two frames' bytes, and where the first such byte is; nil when the
    /// lengths differ.
    static func largestDifference(_ a: Buffer, _ b: Buffer) -> (difference: Int, at: Int)? {
        guard a.length == b.length else { return nil }
        let x = a.byteArray, y = b.byteArray
        var worst = (0, 0)
        for i in x.indices where abs(Int(x[i]) - Int(y[i])) > worst.0 { worst = (abs(Int(x[i]) - Int(y[i])), i) }
        return worst
    }
}
