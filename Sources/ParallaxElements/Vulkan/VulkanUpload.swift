#if Vulkan
import ParallaxCore
import ParallaxVulkan

/// `vulkanupload`: copies raw video frames from system memory into Vulkan GPU memory — the way onto the GPU
/// for `vulkanconvert` and `vulkanscale` (GStreamer's `vulkanupload`).
///
/// Each frame goes into a buffer from a pool of GPU buffers of the negotiated frame size
/// (`VulkanBufferPool`); the copy runs through the memory's host mapping. Caps are the same on both sides
/// but for the memory feature: `video/x-raw` in, `video/x-raw(memory:GPUMemory)` out.
///
/// ```
/// parallax-launch videotestsrc ! vulkanupload ! vulkanconvert ! vulkandownload ! video/x-raw,format=I420 ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread.
public struct VulkanUpload: Converter {
    /// Raw video in system memory.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in GPU memory.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// One copy of each frame (`ConversionCost.copy`): negotiation inserts it where GPU and system memory meet.
    public static var conversionCost: Int { ConversionCost.copy }

    public static let descriptor = ElementDescriptor<Self>(
        factory: "vulkanupload", longName: "Vulkan uploader", klass: "Filter/Video",
        description: "Copies raw video from system memory into Vulkan GPU memory")

    /// Any raw video in system memory in, the same in GPU memory out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("video/x-raw")),
            PadTemplate(name: "src", direction: .src, caps: VulkanElementSupport.caps(Caps("video/x-raw"), gpu: true)),
        ]
    }

    private var pool: VulkanBufferPool?
    private var frameSize = 0

    public init() {}

    /// The same caps with the memory feature of the other side.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        VulkanElementSupport.caps(caps, gpu: direction == .sink)
    }

    /// Makes the pool of GPU buffers for the negotiated frame size.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = VideoInfo(caps: VulkanElementSupport.caps(input, gpu: false)) else {
            throw ElementError("vulkanupload cannot handle these caps.", debug: input?.description ?? "none")
        }
        let device = try VulkanElementSupport.device(for: "vulkanupload")
        pool?.close()
        pool = VulkanBufferPool(device: device, size: info.size)
        frameSize = info.size
    }

    /// The output goes out as a GPU buffer, so the pipeline's own output slot stays unused and small.
    public func outputSize(for caps: Caps) -> Int? { 4 }

    /// Copies one frame into a GPU buffer and sends it.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let pool else { throw ElementError("Internal data stream error.", debug: "not negotiated") }
        var frame: Buffer
        do throws(VulkanError) {
            frame = try pool.makeBuffer()
        } catch {
            throw VulkanElementSupport.failure("vulkanupload", error)
        }
        let count = Swift.min(ctx.inputLength, frameSize)
        ctx.withUnsafeInput { input in
            frame.withUnsafeMutableBytes { output in
                if let to = output.baseAddress, let from = input.baseAddress { to.copyMemory(from: from, byteCount: count) }
            }
        }
        frame.length = count
        frame.metadata = ctx.metadata
        _ = try ctx.emit(frame)
        return .dropped
    }

    /// Drops the free GPU buffers.
    public mutating func stop() {
        pool?.close()
        pool = nil
    }
}
#endif
