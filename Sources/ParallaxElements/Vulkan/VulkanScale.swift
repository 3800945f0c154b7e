#if Vulkan
import ParallaxCore
import ParallaxVulkan

/// `vulkanscale`: resizes video frames in Vulkan GPU memory with bilinear filtering, as a compute shader with
/// the arithmetic of the CPU `videoscale` (GStreamer 1.22's filters and rounding, per plane), so that its output
/// equals `videoscale`'s bilinear output within ±1 per sample (tested on Mesa's lavapipe).
///
/// Formats: `RGBA`, `BGRA`, `RGBx`, `BGRx`, `RGB`, `BGR`, `I420`, `YV12`, `NV12`, `NV21`, `Y444`, `GRAY8`;
/// the format is kept. Caps and size fixation are `videoscale`'s (the aspect ratio is kept when downstream
/// fixes one dimension).
///
/// ```
/// parallax-launch videotestsrc ! vulkanupload ! vulkanscale ! "video/x-raw(memory:GPUMemory),width=640,height=360" ! vulkandownload ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread.
public struct VulkanScale: Transform {
    /// Raw video in GPU memory.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in GPU memory, in the input's format.
    public typealias Output = RawVideo<AnyPixelFormat>

    public static let descriptor = ElementDescriptor<Self>(
        factory: "vulkanscale", longName: "Vulkan video scaler", klass: "Filter/Converter/Video/Scaler",
        description: "Resizes video in Vulkan GPU memory (bilinear)")

    /// The formats `vulkanscale` scales.
    public static var formats: [VideoFormat] { VulkanScaleParameters.formats }

    /// The formats in GPU memory on both sides.
    public static var padTemplates: [PadTemplate] {
        let caps = VulkanElementSupport.caps(
            Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))]), gpu: true)
        return [
            PadTemplate(name: "sink", direction: .sink, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    private var kernel: VulkanKernel?
    private var parameters: VulkanBufferArena?
    private var pool: VulkanBufferPool?
    private var groups: (x: UInt32, y: UInt32) = (1, 1)

    public init() {}

    /// As `videoscale`: width and height free, the format kept; in GPU memory.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let open = VideoScale().transformCaps(VulkanElementSupport.onlyGPU(caps), from: direction)
        let template = Caps("video/x-raw", [("format", .list(Self.formats.map { .string($0.name) }))])
        return VulkanElementSupport.caps(open.isAny ? open : open.intersection(template), gpu: true)
    }

    /// As `videoscale`: the size of the other side, keeping its aspect ratio when one dimension is fixed.
    public func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps {
        let fixed = VideoScale().fixate(VulkanElementSupport.caps(caps, gpu: false), on: direction,
                                        otherSide: VulkanElementSupport.caps(otherSide, gpu: false))
        return VulkanElementSupport.caps(fixed, gpu: true)
    }

    /// Builds the kernel and its filter tables for the negotiated sizes.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = VideoInfo(caps: input), let outInfo = VideoInfo(caps: output) else {
            throw ElementError("vulkanscale cannot handle these caps.",
                               debug: "input \(input?.description ?? "none"), output \(output?.description ?? "none")")
        }
        let groups = VulkanKernel.groups(count: outInfo.size / 4, localSize: 64)
        guard let words = VulkanScaleParameters.words(input: inInfo, output: outInfo, groupsX: Int(groups.x)) else {
            throw ElementError("vulkanscale cannot scale \(inInfo.format.name) to \(outInfo.format.name).")
        }
        let device = try VulkanElementSupport.device(for: "vulkanscale")
        do {
            if kernel == nil {
                kernel = try VulkanKernel(device: device, code: VulkanShaders.scale, bindings: 3, constantBytes: 0)
            }
            parameters = try VulkanElementSupport.parameters(words, device: device)
        } catch {
            throw VulkanElementSupport.failure("vulkanscale", error)
        }
        pool?.close()
        pool = VulkanBufferPool(device: device, size: outInfo.size)
        self.groups = groups
    }

    /// The output goes out as a GPU buffer, so the pipeline's own output slot stays unused and small.
    public func outputSize(for caps: Caps) -> Int? { 4 }

    /// Scales one frame on the GPU.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let kernel, let parameters, let pool else {
            throw ElementError("Internal data stream error.", debug: "not negotiated")
        }
        let input = try VulkanElementSupport.inputArena(ctx, element: "vulkanscale")
        var frame: Buffer
        do throws(VulkanError) {
            frame = try pool.makeBuffer()
            guard let output = frame.storage.arena as? VulkanBufferArena else {
                throw VulkanError("its output pool lent a buffer outside Vulkan memory")
            }
            try kernel.run(buffers: [input.buffer, output.buffer, parameters.buffer], constants: [], groups: groups)
        } catch {
            throw VulkanElementSupport.failure("vulkanscale", error)
        }
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
