import CVulkan

/// What kind of device a Vulkan physical device is, in the order `VulkanDeviceChoice` prefers them.
///
/// ```swift
/// VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_CPU)   // .cpu (Mesa's lavapipe)
/// ```
/// Thread: a value; any.
public enum VulkanDeviceKind: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A separate GPU.
    case discrete
    /// A GPU sharing the CPU's package and memory.
    case integrated
    /// A GPU of a virtual machine.
    case virtual
    /// A driver that runs on the CPU (lavapipe, SwiftShader).
    case cpu
    /// Anything else.
    case other

    /// The kind of `type`.
    public init(_ type: VkPhysicalDeviceType) {
        switch type {
        case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: self = .discrete
        case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: self = .integrated
        case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: self = .virtual
        case VK_PHYSICAL_DEVICE_TYPE_CPU: self = .cpu
        default: self = .other
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .discrete: "discrete GPU"
        case .integrated: "integrated GPU"
        case .virtual: "virtual GPU"
        case .cpu: "CPU"
        case .other: "other"
        }
    }
}
