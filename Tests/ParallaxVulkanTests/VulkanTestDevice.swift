import ParallaxVulkan

/// The shared device for tests, or nil (with the reason printed) where the machine truly has no Vulkan:
/// no driver at all. Any other failure is thrown, so tests fail on it.
enum VulkanTestDevice {
    static func available() throws -> VulkanDevice? {
        let result = Result { () throws(VulkanError) in try VulkanDevice.shared() }
        guard case .failure(let error) = result else { return try result.get() }
        let noDriver = error.message.hasPrefix("no Vulkan device: the loader found no driver")
            || error.message == "vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER"
        guard noDriver else { throw error }
        print("skipped: this machine has no Vulkan driver (\(error))")
        return nil
    }
}
