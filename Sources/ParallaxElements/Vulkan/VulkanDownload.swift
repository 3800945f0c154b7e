#if Vulkan
import ParallaxCore
import ParallaxVulkan

/// `vulkandownload`: copies raw video frames from Vulkan GPU memory back into system memory — the way off the
/// GPU after `vulkanconvert` and `vulkanscale` (GStreamer's `vulkandownload`).
///
/// The copy runs through the GPU memory's host mapping into the pipeline's output buffer. Caps are the same
/// on both sides but for the memory feature: `video/x-raw(memory:GPUMemory)` in, `video/x-raw` out.
///
/// ```
/// parallax-launch videotestsrc ! vulkanupload ! vulkanscale ! vulkandownload ! video/x-raw,width=640,height=360 ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread.
public struct VulkanDownload: Converter {
    /// Raw video in GPU memory.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in system memory.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// One copy of each frame (`ConversionCost.copy`): negotiation inserts it where GPU and system memory meet.
    public static var conversionCost: Int { ConversionCost.copy }

    public static let descriptor = ElementDescriptor<Self>(
        factory: "vulkandownload", longName: "Vulkan downloader", klass: "Filter/Video",
        description: "Copies raw video from Vulkan GPU memory into system memory")

    /// Any raw video in GPU memory in, the same in system memory out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: VulkanElementSupport.caps(Caps("video/x-raw"), gpu: true)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-raw")),
        ]
    }

    private var frameSize = 0

    public init() {}

    /// The same caps with the memory feature of the other side.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        VulkanElementSupport.caps(caps, gpu: direction == .src)
    }

    /// Takes the frame size.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = VideoInfo(caps: output) else {
            throw ElementError("vulkandownload cannot handle these caps.", debug: output?.description ?? "none")
        }
        frameSize = info.size
    }

    /// One frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Copies one frame out of GPU memory.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        _ = try VulkanElementSupport.inputArena(ctx, element: "vulkandownload")
        let count = Swift.min(ctx.inputLength, ctx.outputCapacity)
        let input = ctx.withUnsafeInput { $0.baseAddress }
        ctx.withUnsafeOutput { output in
            if let to = output.baseAddress, let input { to.copyMemory(from: input, byteCount: count) }
        }
        ctx.outputLength = count
        return .ok
    }
}
#endif
