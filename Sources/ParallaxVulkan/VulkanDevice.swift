import CVulkan
import Glibc
import Synchronization

/// The process's Vulkan device: an instance, the physical device `VulkanDeviceChoice` picks, a logical device
/// with one compute queue, and the memory type GPU buffers use.
///
/// ```
/// VulkanDevice.shared()  ──►  VkInstance ─► VkPhysicalDevice (discrete > integrated > virtual > cpu)
///                                            └► VkDevice ─► compute VkQueue (submits serialised by a lock)
/// ```
/// Made once, on first use, and kept for the life of the process; every GPU element shares it. Command pools
/// belong to their users (`VulkanKernel`), since recording into a pool needs one thread at a time.
///
/// ```swift
/// let device = try VulkanDevice.shared()
/// print(device.name, device.kind)   // llvmpipe (LLVM 15.0.6, 256 bits) CPU
/// ```
/// Thread: any; `submit` serialises queue access, everything else is immutable after creation.
public final class VulkanDevice: @unchecked Sendable {  // unchecked: handles are immutable; the queue is guarded by `queueLock`
    /// The instance.
    public let instance: VkInstance
    /// The chosen physical device.
    public let physicalDevice: VkPhysicalDevice
    /// The logical device.
    public let device: VkDevice
    /// The compute queue.
    public let queue: VkQueue
    /// The family of `queue`.
    public let queueFamily: UInt32
    /// The device name as the driver reports it.
    public let name: String
    /// The device kind.
    public let kind: VulkanDeviceKind
    /// Whether the device exports and imports memory as descriptors (`VK_KHR_external_memory_fd`, enabled when
    /// offered): what `VulkanBufferArena(device:size:exportable:)` and `…(device:size:importing:)` need.
    public let exportsMemory: Bool
    /// The memory type index of GPU buffers: host-visible and coherent, device-local where the device has such.
    public let memoryTypeIndex: UInt32
    /// Serialises `vkQueueSubmit`, which needs the queue to itself.
    private let queueLock = Mutex(())

    /// The shared device, made on first call; the same error on every call when there is none.
    public static func shared() throws(VulkanError) -> VulkanDevice {
        try sharedResult.get()
    }

    private static let sharedResult: Result<VulkanDevice, VulkanError> = Result { () throws(VulkanError) in
        try VulkanDevice()
    }

    /// A new device (tests and tools; elements use `shared()`).
    public init() throws(VulkanError) {
        let instance = try Self.makeInstance()
        do throws(VulkanError) {
            let physical = try Self.physicalDevices(instance)
            let candidates = physical.map(Self.candidate)
            guard let (index, family) = VulkanDeviceChoice.choose(candidates) else {
                throw VulkanError(
                    candidates.isEmpty
                        ? "no Vulkan device: the loader found no driver with a device (install mesa-vulkan-drivers for lavapipe)"
                        : "no Vulkan device can compute: \(candidates.map(\.name).joined(separator: ", "))")
            }
            self.instance = instance
            self.physicalDevice = physical[index]
            self.name = candidates[index].name
            self.kind = candidates[index].kind
            self.queueFamily = UInt32(family)
            let exportsMemory = try VulkanVideoProbe.extensionNames(physical[index]).contains(Self.externalMemoryFd)
            self.exportsMemory = exportsMemory
            (self.device, self.queue) = try Self.makeDevice(
                physical[index], family: UInt32(family), extensions: exportsMemory ? [Self.externalMemoryFd] : [])
            var memory = VkPhysicalDeviceMemoryProperties()
            vkGetPhysicalDeviceMemoryProperties(physical[index], &memory)
            let types = withUnsafeBytes(of: memory.memoryTypes) { Array($0.bindMemory(to: VkMemoryType.self)) }
            guard let chosen = Self.memoryType(Array(types.prefix(Int(memory.memoryTypeCount))).map(\.propertyFlags)) else {
                vkDestroyDevice(device, nil)
                throw VulkanError("\(name) has no host-visible coherent memory")
            }
            self.memoryTypeIndex = UInt32(chosen)
        } catch {
            vkDestroyInstance(instance, nil)
            throw error
        }
    }

    deinit {
        vkDeviceWaitIdle(device)
        vkDestroyDevice(device, nil)
        vkDestroyInstance(instance, nil)
    }

    /// The memory type for GPU buffers among types with `flags`: host-visible and coherent, preferring
    /// device-local; nil when none is host-visible and coherent.
    public static func memoryType(_ flags: [VkMemoryPropertyFlags]) -> Int? {
        let hostVisible = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue)
        let coherent = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_HOST_COHERENT_BIT.rawValue)
        let local = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT.rawValue)
        let mappable = flags.indices.filter { flags[$0] & (hostVisible | coherent) == hostVisible | coherent }
        return mappable.first { flags[$0] & local != 0 } ?? mappable.first
    }

    /// Submits `commandBuffer` to the compute queue, signalling `fence` when done.
    public func submit(_ commandBuffer: VkCommandBuffer, fence: VkFence) throws(VulkanError) {
        var buffer: VkCommandBuffer? = commandBuffer
        let result = withUnsafePointer(to: &buffer) { buffers in
            var info = VkSubmitInfo()
            info.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO
            info.commandBufferCount = 1
            info.pCommandBuffers = buffers
            return queueLock.withLock { _ in vkQueueSubmit(queue, 1, &info, fence) }
        }
        try VulkanError.check(result, "vkQueueSubmit")
    }

    /// A Vulkan 1.1 instance named "Parallax"; the caller destroys it.
    static func makeInstance() throws(VulkanError) -> VkInstance {
        var instance: VkInstance?
        let created: VkResult = "Parallax".withCString { appName in
            var app = VkApplicationInfo()
            app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO
            app.pApplicationName = appName
            app.pEngineName = appName
            app.apiVersion = cvulkan_api_version_1_1()
            return withUnsafePointer(to: &app) { app in
                var info = VkInstanceCreateInfo()
                info.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO
                info.pApplicationInfo = app
                return vkCreateInstance(&info, nil, &instance)
            }
        }
        try VulkanError.check(created, "vkCreateInstance")
        guard let instance else { throw VulkanError(call: "vkCreateInstance", result: VK_ERROR_INITIALIZATION_FAILED) }
        return instance
    }

    /// The instance's physical devices.
    static func physicalDevices(_ instance: VkInstance) throws(VulkanError) -> [VkPhysicalDevice] {
        var count: UInt32 = 0
        try VulkanError.check(vkEnumeratePhysicalDevices(instance, &count, nil), "vkEnumeratePhysicalDevices")
        var devices = [VkPhysicalDevice?](repeating: nil, count: Int(count))
        try VulkanError.check(vkEnumeratePhysicalDevices(instance, &count, &devices), "vkEnumeratePhysicalDevices")
        return devices.prefix(Int(count)).compactMap { $0 }
    }

    private static func candidate(_ device: VkPhysicalDevice) -> VulkanDeviceChoice.Candidate {
        var properties = VkPhysicalDeviceProperties()
        vkGetPhysicalDeviceProperties(device, &properties)
        let name = withUnsafeBytes(of: properties.deviceName) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        var count: UInt32 = 0
        vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nil)
        var families = [VkQueueFamilyProperties](repeating: VkQueueFamilyProperties(), count: Int(count))
        vkGetPhysicalDeviceQueueFamilyProperties(device, &count, &families)
        return .init(name: name, kind: VulkanDeviceKind(properties.deviceType), queueFamilies: families.map(\.queueFlags))
    }

    /// The extension that exports and imports memory as descriptors.
    static let externalMemoryFd = "VK_KHR_external_memory_fd"

    private static func makeDevice(
        _ physical: VkPhysicalDevice, family: UInt32, extensions: [String]
    ) throws(VulkanError) -> (VkDevice, VkQueue) {
        var priority: Float = 1
        var device: VkDevice?
        let names: [UnsafePointer<CChar>?] = extensions.map { UnsafePointer(strdup($0)) }
        defer { for name in names { free(UnsafeMutablePointer(mutating: name)) } }
        let result = withUnsafePointer(to: &priority) { priority in
            var queueInfo = VkDeviceQueueCreateInfo()
            queueInfo.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO
            queueInfo.queueFamilyIndex = family
            queueInfo.queueCount = 1
            queueInfo.pQueuePriorities = priority
            return withUnsafePointer(to: &queueInfo) { queues in
                var info = VkDeviceCreateInfo()
                info.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO
                info.queueCreateInfoCount = 1
                info.pQueueCreateInfos = queues
                return names.withUnsafeBufferPointer { names in
                    info.enabledExtensionCount = UInt32(names.count)
                    info.ppEnabledExtensionNames = names.baseAddress
                    return vkCreateDevice(physical, &info, nil, &device)
                }
            }
        }
        try VulkanError.check(result, "vkCreateDevice")
        guard let device else { throw VulkanError(call: "vkCreateDevice", result: VK_ERROR_INITIALIZATION_FAILED) }
        var queue: VkQueue?
        vkGetDeviceQueue(device, family, 0, &queue)
        guard let queue else {
            vkDestroyDevice(device, nil)
            throw VulkanError("vkGetDeviceQueue gave no queue for family \(family)")
        }
        return (device, queue)
    }
}
