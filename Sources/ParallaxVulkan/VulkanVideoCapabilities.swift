import CVulkan

/// What one Vulkan device reports about video: its extensions and, per queue family, the queue flags and
/// the video codec operations — and, from that alone, which codecs it decodes. Pure, so it is tested without
/// a device; `VulkanVideoProbe` fills it in from the loader.
///
/// A device decodes a codec when it has `VK_KHR_video_queue`, `VK_KHR_video_decode_queue` and the codec's
/// decode extension, and a queue family with `VK_QUEUE_VIDEO_DECODE_BIT_KHR` whose codec operations include
/// the codec's decode bit.
/// ```swift
/// let lavapipe = VulkanVideoCapabilities(name: "llvmpipe", extensions: [], queueFamilies: [.init(flags: 0x7)])
/// lavapipe.decodes(.av1)          // false
/// lavapipe.whyNotDecoding(.av1)   // "no video decode queue"
/// ```
/// Thread: a value; any.
public struct VulkanVideoCapabilities: Sendable, Hashable {
    /// One queue family: its `VkQueueFlags` and its `VkVideoCodecOperationFlagsKHR` (0 without video).
    public struct QueueFamily: Sendable, Hashable {
        /// The family's `VkQueueFlags`.
        public var flags: VkQueueFlags
        /// The family's video codec operations (`VkQueueFamilyVideoPropertiesKHR`), 0 when it has none.
        public var videoCodecOperations: UInt32

        /// A family with `flags` and `videoCodecOperations`.
        public init(flags: VkQueueFlags, videoCodecOperations: UInt32 = 0) {
            self.flags = flags
            self.videoCodecOperations = videoCodecOperations
        }

        /// Whether the family has `VK_QUEUE_VIDEO_DECODE_BIT_KHR`.
        public var decodesVideo: Bool { flags & VkQueueFlags(VK_QUEUE_VIDEO_DECODE_BIT_KHR.rawValue) != 0 }
    }

    /// The extensions every video decoder needs, whatever the codec.
    public static let videoDecodeExtensions = ["VK_KHR_video_queue", "VK_KHR_video_decode_queue"]

    /// The device name as the driver reports it.
    public var name: String
    /// The device's extension names.
    public var extensions: Set<String>
    /// The device's queue families, in family order.
    public var queueFamilies: [QueueFamily]

    /// What a device reports.
    public init(name: String, extensions: Set<String>, queueFamilies: [QueueFamily]) {
        self.name = name
        self.extensions = extensions
        self.queueFamilies = queueFamilies
    }

    /// Whether the device decodes `codec` with Vulkan Video.
    public func decodes(_ codec: VulkanVideoCodec) -> Bool { whyNotDecoding(codec) == nil }

    /// The index of the first queue family that decodes `codec`, nil when the device does not decode it.
    public func decodeQueueFamily(_ codec: VulkanVideoCodec) -> Int? {
        guard decodes(codec) else { return nil }
        return queueFamilies.firstIndex { $0.decodesVideo && $0.videoCodecOperations & codec.decodeOperation != 0 }
    }

    /// Why the device does not decode `codec` (the first thing missing, in this order: a video decode queue,
    /// the video extensions, the codec's extension, a decode queue for the codec); nil when it does.
    public func whyNotDecoding(_ codec: VulkanVideoCodec) -> String? {
        let decodeFamilies = queueFamilies.filter(\.decodesVideo)
        if decodeFamilies.isEmpty { return "no video decode queue" }
        let missing = (Self.videoDecodeExtensions + [codec.decodeExtension]).filter { !extensions.contains($0) }
        if !missing.isEmpty { return "no " + missing.joined(separator: ", ") }
        if !decodeFamilies.contains(where: { $0.videoCodecOperations & codec.decodeOperation != 0 }) {
            return "no video decode queue for \(codec)"
        }
        return nil
    }
}
