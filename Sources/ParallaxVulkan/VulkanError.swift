import CVulkan

/// A Vulkan failure, worded as the call that failed and the result it gave:
/// `vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER`.
///
/// ```swift
/// do { _ = try VulkanDevice.shared() } catch { print(error) }   // "no Vulkan device: …"
/// ```
/// Thread: a value; any.
public struct VulkanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole message.
    public let message: String

    /// An error with `message` as it is.
    public init(_ message: String) { self.message = message }

    /// `call failed: RESULT` for a Vulkan call that returned `result`.
    public init(call: String, result: VkResult) {
        self.message = "\(call) failed: \(VulkanError.name(of: result))"
    }

    public var description: String { message }

    /// Throws `VulkanError(call:result:)` unless `result` is `VK_SUCCESS`.
    @inline(__always)
    public static func check(_ result: VkResult, _ call: @autoclosure () -> String) throws(VulkanError) {
        if result != VK_SUCCESS { throw VulkanError(call: call(), result: result) }
    }

    /// The name of a `VkResult` as the Vulkan headers spell it (`VK_ERROR_DEVICE_LOST`), or
    /// `VkResult(n)` for one this table lacks.
    public static func name(of result: VkResult) -> String {
        switch result.rawValue {
        case 0: "VK_SUCCESS"
        case 1: "VK_NOT_READY"
        case 2: "VK_TIMEOUT"
        case 3: "VK_EVENT_SET"
        case 4: "VK_EVENT_RESET"
        case 5: "VK_INCOMPLETE"
        case -1: "VK_ERROR_OUT_OF_HOST_MEMORY"
        case -2: "VK_ERROR_OUT_OF_DEVICE_MEMORY"
        case -3: "VK_ERROR_INITIALIZATION_FAILED"
        case -4: "VK_ERROR_DEVICE_LOST"
        case -5: "VK_ERROR_MEMORY_MAP_FAILED"
        case -6: "VK_ERROR_LAYER_NOT_PRESENT"
        case -7: "VK_ERROR_EXTENSION_NOT_PRESENT"
        case -8: "VK_ERROR_FEATURE_NOT_PRESENT"
        case -9: "VK_ERROR_INCOMPATIBLE_DRIVER"
        case -10: "VK_ERROR_TOO_MANY_OBJECTS"
        case -11: "VK_ERROR_FORMAT_NOT_SUPPORTED"
        case -12: "VK_ERROR_FRAGMENTED_POOL"
        case -13: "VK_ERROR_UNKNOWN"
        case -1_000_069_000: "VK_ERROR_OUT_OF_POOL_MEMORY"
        case -1_000_072_003: "VK_ERROR_INVALID_EXTERNAL_HANDLE"
        case -1_000_161_000: "VK_ERROR_FRAGMENTATION"
        case -1_000_257_000: "VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS"
        case -1_000_012_000: "VK_ERROR_INVALID_SHADER_NV"
        case -1_000_011_001: "VK_ERROR_VALIDATION_FAILED_EXT"
        default: "VkResult(\(result.rawValue))"
        }
    }
}
