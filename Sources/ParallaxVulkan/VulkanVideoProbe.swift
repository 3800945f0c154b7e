import CVulkan

/// Asks the Vulkan loader what each device offers for video (`VulkanVideoCapabilities`), without making a
/// logical device: an instance is made, every physical device is listed, and the instance is destroyed.
///
/// The answer is read once per process and kept (`shared()`); a machine with no driver gives the same
/// `VulkanError` every time (`vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER`, or `no Vulkan device: …`).
/// ```swift
/// let devices = try VulkanVideoProbe.shared()
/// devices.first { $0.decodes(.av1) }   // nil on lavapipe
/// ```
/// Thread: any.
public enum VulkanVideoProbe {
    /// Every device's video capabilities, read on first call.
    public static func shared() throws(VulkanError) -> [VulkanVideoCapabilities] {
        try sharedResult.get()
    }

    private static let sharedResult: Result<[VulkanVideoCapabilities], VulkanError> = Result {
        () throws(VulkanError) in try probe()
    }

    /// Reads every device's video capabilities now.
    public static func probe() throws(VulkanError) -> [VulkanVideoCapabilities] {
        let instance = try VulkanDevice.makeInstance()
        defer { vkDestroyInstance(instance, nil) }
        let physical = try VulkanDevice.physicalDevices(instance)
        if physical.isEmpty {
            throw VulkanError(
                "no Vulkan device: the loader found no driver with a device (install mesa-vulkan-drivers for lavapipe)")
        }
        var result: [VulkanVideoCapabilities] = []
        for device in physical { result.append(try capabilities(device)) }
        return result
    }

    private static func capabilities(_ device: VkPhysicalDevice) throws(VulkanError) -> VulkanVideoCapabilities {
        var properties = VkPhysicalDeviceProperties()
        vkGetPhysicalDeviceProperties(device, &properties)
        let name = withUnsafeBytes(of: properties.deviceName) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let extensions = try extensionNames(device)
        // VkQueueFamilyVideoPropertiesKHR may be chained only where the device has VK_KHR_video_queue.
        let video = extensions.contains("VK_KHR_video_queue")
        var count: UInt32 = 0
        vkGetPhysicalDeviceQueueFamilyProperties2(device, &count, nil)
        var videoProperties = [VkQueueFamilyVideoPropertiesKHR](repeating: VkQueueFamilyVideoPropertiesKHR(), count: Int(count))
        var families = [VkQueueFamilyProperties2](repeating: VkQueueFamilyProperties2(), count: Int(count))
        videoProperties.withUnsafeMutableBufferPointer { chained in
            for index in families.indices {
                chained[index].sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_VIDEO_PROPERTIES_KHR
                families[index].sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2
                if video, let base = chained.baseAddress { families[index].pNext = UnsafeMutableRawPointer(base + index) }
            }
            vkGetPhysicalDeviceQueueFamilyProperties2(device, &count, &families)
            for index in families.indices { families[index].pNext = nil }
        }
        let queueFamilies = families.prefix(Int(count)).indices.map { index in
            VulkanVideoCapabilities.QueueFamily(
                flags: families[index].queueFamilyProperties.queueFlags,
                videoCodecOperations: video ? videoProperties[index].videoCodecOperations : 0)
        }
        return VulkanVideoCapabilities(name: name, extensions: extensions, queueFamilies: queueFamilies)
    }

    /// The extension names `device` offers.
    static func extensionNames(_ device: VkPhysicalDevice) throws(VulkanError) -> Set<String> {
        var count: UInt32 = 0
        try VulkanError.check(
            vkEnumerateDeviceExtensionProperties(device, nil, &count, nil), "vkEnumerateDeviceExtensionProperties")
        var properties = [VkExtensionProperties](repeating: VkExtensionProperties(), count: Int(count))
        try VulkanError.check(
            vkEnumerateDeviceExtensionProperties(device, nil, &count, &properties), "vkEnumerateDeviceExtensionProperties")
        return Set(properties.prefix(Int(count)).map { property in
            withUnsafeBytes(of: property.extensionName) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        })
    }
}
