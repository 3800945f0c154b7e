import CVulkan

/// Which physical device and queue family Parallax uses: a pure function of what the devices report,
/// so it is tested without a device.
///
/// Devices are ranked discrete GPU > integrated > virtual > CPU > other; among devices of one kind the first
/// listed wins. A device is usable only with a queue family that can compute; a family that computes but
/// does not draw (a dedicated compute queue) is preferred to one that does both.
/// ```swift
/// let lavapipe = VulkanDeviceChoice.Candidate(name: "llvmpipe", kind: .cpu, queueFamilies: [computeAndGraphics])
/// VulkanDeviceChoice.choose([lavapipe])   // (device: 0, queueFamily: 0)
/// ```
/// Thread: pure; any.
public enum VulkanDeviceChoice {
    /// What one physical device reports: its name, kind and the capabilities of its queue families.
    public struct Candidate: Sendable, Hashable {
        /// The device name (`llvmpipe (LLVM 15.0.6, 256 bits)`).
        public var name: String
        /// The device kind.
        public var kind: VulkanDeviceKind
        /// `VkQueueFlags` of each queue family, in family order.
        public var queueFamilies: [VkQueueFlags]

        /// A candidate as listed.
        public init(name: String, kind: VulkanDeviceKind, queueFamilies: [VkQueueFlags]) {
            self.name = name
            self.kind = kind
            self.queueFamilies = queueFamilies
        }
    }

    /// The index of the queue family to compute on: the first that computes without graphics, else the first
    /// that computes; nil when none computes.
    public static func computeQueueFamily(_ families: [VkQueueFlags]) -> Int? {
        let compute = VkQueueFlags(VK_QUEUE_COMPUTE_BIT.rawValue), graphics = VkQueueFlags(VK_QUEUE_GRAPHICS_BIT.rawValue)
        if let dedicated = families.firstIndex(where: { $0 & compute != 0 && $0 & graphics == 0 }) { return dedicated }
        return families.firstIndex { $0 & compute != 0 }
    }

    /// The device (index into `candidates`) and queue family to use, or nil when no device can compute.
    public static func choose(_ candidates: [Candidate]) -> (device: Int, queueFamily: Int)? {
        var best: (device: Int, queueFamily: Int, kind: VulkanDeviceKind)?
        for (index, candidate) in candidates.enumerated() {
            guard let family = computeQueueFamily(candidate.queueFamilies) else { continue }
            if let current = best, current.kind <= candidate.kind { continue }
            best = (index, family, candidate.kind)
        }
        return best.map { ($0.device, $0.queueFamily) }
    }
}
