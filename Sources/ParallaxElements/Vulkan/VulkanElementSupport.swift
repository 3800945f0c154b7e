#if Vulkan
import ParallaxCore
import ParallaxVulkan

/// What the Vulkan elements share: the caps feature of GPU memory, the shared device as an element error, and
/// the GPU buffer behind an input.
///
/// ```swift
/// let device = try VulkanElementSupport.device(for: "vulkanconvert")
/// ```
/// Thread: pure functions; any.
enum VulkanElementSupport {
    /// `memory:GPUMemory`.
    static let feature = MemoryType.gpu.capsFeature

    /// `caps` with every structure's memory feature set to GPU memory (`gpu` true) or removed; ANY stays ANY.
    static func caps(_ caps: Caps, gpu: Bool) -> Caps {
        if caps.isAny { return caps }
        return Caps(caps.structures.map { structure in
            var structure = structure
            structure.features = structure.features.filter { !$0.hasPrefix("memory:") } + (gpu ? [feature] : [])
            return structure
        })
    }

    /// The structures of `caps` in GPU memory, without their memory feature (for the CPU element's caps logic);
    /// ANY stays ANY. Structures in other memory are dropped, so a GPU element never passes system-memory caps on.
    static func onlyGPU(_ caps: Caps) -> Caps {
        if caps.isAny { return caps }
        let gpu = caps.structures.filter { MemoryType(features: $0.features) == .gpu }
        return VulkanElementSupport.caps(Caps(gpu), gpu: false)
    }

    /// The shared device, or an element error naming `element` and the failed Vulkan call.
    static func device(for element: String) throws(ElementError) -> VulkanDevice {
        do {
            return try VulkanDevice.shared()
        } catch {
            throw ElementError("\(element) has no Vulkan device: \(error.message)")
        }
    }

    /// `error` as an element error naming `element`.
    static func failure(_ element: String, _ error: VulkanError) -> ElementError {
        ElementError("\(element) failed: \(error.message)")
    }

    /// The GPU buffer holding the current input of `element`.
    static func inputArena(_ ctx: borrowing ElementCallContext, element: String) throws(ElementError) -> VulkanBufferArena {
        guard let arena = ctx.inputBuffer?.storage.arena as? VulkanBufferArena else {
            throw ElementError("\(element) received a buffer that is not in Vulkan memory.")
        }
        return arena
    }

    /// A parameter buffer holding `words`.
    static func parameters(_ words: [Int32], device: VulkanDevice) throws(VulkanError) -> VulkanBufferArena {
        let arena = try VulkanBufferArena(device: device, size: 4 * words.count)
        words.withUnsafeBytes { bytes in
            if let from = bytes.baseAddress { arena.mapped.copyMemory(from: from, byteCount: bytes.count) }
        }
        return arena
    }
}
#endif
