#if Vulkan
import ParallaxCore
import ParallaxVulkan

/// `vulkanconvert`: converts video frames in Vulkan GPU memory between formats at the same size, as a compute
/// shader with the arithmetic of the CPU `videoconvert` — the same matrices, ranges and colorimetry, the same
/// chroma averaging, co-siting and interpolation — so that its output equals `videoconvert`'s within ±1 per
/// sample (tested on Mesa's lavapipe).
///
/// Formats: `RGBA`, `BGRA`, `RGBx`, `BGRx`, `I420`, `YV12`, `NV12`, `NV21`, in any pair. The shader
/// (`Generators/shaders/convert.comp`) runs one invocation per 32-bit word of the output frame.
///
/// ```
/// parallax-launch videotestsrc ! vulkanupload ! vulkanconvert ! "video/x-raw(memory:GPUMemory),format=I420" ! vulkandownload ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread.
public struct VulkanConvert: Transform {
    /// Raw video in GPU memory.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in GPU memory, the same size as the input.
    public typealias Output = RawVideo<AnyPixelFormat>

    public static let descriptor = ElementDescriptor<Self>(
        factory: "vulkanconvert", longName: "Vulkan colorspace converter", klass: "Filter/Converter/Video",
        description: "Converts video in Vulkan GPU memory from one colorspace to another")

    /// The formats `vulkanconvert` reads and writes.
    public static var formats: [VideoFormat] { VulkanConvertParameters.formats }

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

    /// As `videoconvert`: the format free (the incoming ones first), colorimetry and chroma siting dropped; limited
    /// to `formats`, in GPU memory.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let open = VideoConvert().transformCaps(VulkanElementSupport.onlyGPU(caps), from: direction)
        if open.isAny { return open }
        let names = Set(Self.formats.map(\.name))
        return VulkanElementSupport.caps(Caps(open.structures.compactMap { structure in
            var structure = structure
            if case .list(let items)? = structure["format"] {
                let kept = items.filter { if case .string(let name) = $0 { names.contains(name) } else { false } }
                if kept.isEmpty { return nil }
                structure["format"] = .list(kept)
            } else if case .string(let name)? = structure["format"], !names.contains(name) {
                return nil
            }
            return structure
        }), gpu: true)
    }

    /// Picks the first allowed format (the input's, when allowed), then fixes the rest.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps { caps.fixated() }

    /// Builds the kernel and its parameters for the negotiated formats.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = VideoInfo(caps: input), let outInfo = VideoInfo(caps: output) else {
            throw ElementError("vulkanconvert cannot handle these caps.",
                               debug: "input \(input?.description ?? "none"), output \(output?.description ?? "none")")
        }
        guard inInfo.width == outInfo.width, inInfo.height == outInfo.height else {
            throw ElementError("vulkanconvert cannot change the frame size.",
                               debug: "\(inInfo.width)×\(inInfo.height) → \(outInfo.width)×\(outInfo.height)")
        }
        let matrix = VideoConvertMatrix(
            from: VideoConvertModel(format: inInfo.format, height: inInfo.height,
                                    colorimetry: input.structures.first?.string("colorimetry")),
            to: VideoConvertModel(format: outInfo.format, height: outInfo.height,
                                  colorimetry: output.structures.first?.string("colorimetry")))
        let groups = VulkanKernel.groups(count: outInfo.size / 4, localSize: 64)
        guard let words = VulkanConvertParameters.words(input: inInfo, output: outInfo, matrix: matrix,
                                                        groupsX: Int(groups.x))
        else {
            throw ElementError("vulkanconvert cannot convert \(inInfo.format.name) to \(outInfo.format.name).")
        }
        let device = try VulkanElementSupport.device(for: "vulkanconvert")
        do {
            if kernel == nil {
                kernel = try VulkanKernel(device: device, code: VulkanShaders.convert, bindings: 3, constantBytes: 0)
            }
            parameters = try VulkanElementSupport.parameters(words, device: device)
        } catch {
            throw VulkanElementSupport.failure("vulkanconvert", error)
        }
        pool?.close()
        pool = VulkanBufferPool(device: device, size: outInfo.size)
        self.groups = groups
    }

    /// The output goes out as a GPU buffer, so the pipeline's own output slot stays unused and small.
    public func outputSize(for caps: Caps) -> Int? { 4 }

    /// Converts one frame on the GPU.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let kernel, let parameters, let pool else {
            throw ElementError("Internal data stream error.", debug: "not negotiated")
        }
        let input = try VulkanElementSupport.inputArena(ctx, element: "vulkanconvert")
        var frame: Buffer
        do throws(VulkanError) {
            frame = try pool.makeBuffer()
            guard let output = frame.storage.arena as? VulkanBufferArena else { throw VulkanError("its output pool lent a buffer outside Vulkan memory") }
            try kernel.run(buffers: [input.buffer, output.buffer, parameters.buffer], constants: [], groups: groups)
        } catch {
            throw VulkanElementSupport.failure("vulkanconvert", error)
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
