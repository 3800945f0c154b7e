import CVulkan
import ParallaxCore
import Synchronization

/// One GPU buffer as an `Arena` of one slot: a `VkBuffer` bound to its own `VkDeviceMemory`, mapped for the
/// life of the arena, so a `BufferStorage` over it is an ordinary `Buffer` whose caps say `memory:GPUMemory`.
///
/// ```
/// Buffer ─► BufferStorage(arena: VulkanBufferArena, slot 0) ─► VkBuffer + VkDeviceMemory (host-visible, mapped)
/// ```
/// GPU elements find the `VkBuffer` through `storage.arena as? VulkanBufferArena`; uploads and downloads copy
/// through the mapping. The Vulkan objects are destroyed when the last storage over the arena ends.
///
/// ```swift
/// let arena = try VulkanBufferArena(device: .shared(), size: 1 << 20)
/// let buffer = Buffer(storage: BufferStorage(arena: arena, slot: 0, owner: nil), length: 1 << 20)
/// ```
/// Thread: any; the bytes follow `Buffer`'s uniqueness rule.
public final class VulkanBufferArena: Arena, @unchecked Sendable {  // unchecked: handles are immutable; the slot flag is atomic
    /// The device the buffer lives on.
    public let device: VulkanDevice
    /// The Vulkan buffer (storage-buffer usage, transfer source and destination).
    public let buffer: VkBuffer
    /// Its memory.
    public let memory: VkDeviceMemory
    /// The mapping of `memory`.
    public let mapped: UnsafeMutableRawPointer
    public let id: UInt32
    public var slotSize: Int { size }
    public var slotCount: Int { 1 }
    public var memoryType: MemoryType { .gpu }
    public var access: Access { .readWrite }
    /// The size in bytes.
    public let size: Int
    private let inUse = Atomic<Bool>(false)
    private static let nextID = Atomic<UInt32>(0x5600_0000)

    /// A mapped GPU buffer of `size` bytes (at least 4).
    public init(device: VulkanDevice, size: Int) throws(VulkanError) {
        self.device = device
        self.size = size
        self.id = Self.nextID.add(1, ordering: .relaxed).newValue
        let bytes = VkDeviceSize(Swift.max(4, (size + 3) & ~3))
        var info = VkBufferCreateInfo()
        info.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO
        info.size = bytes
        info.usage = VkBufferUsageFlags(
            VK_BUFFER_USAGE_STORAGE_BUFFER_BIT.rawValue | VK_BUFFER_USAGE_TRANSFER_SRC_BIT.rawValue
                | VK_BUFFER_USAGE_TRANSFER_DST_BIT.rawValue)
        info.sharingMode = VK_SHARING_MODE_EXCLUSIVE
        var buffer: VkBuffer?
        try VulkanError.check(vkCreateBuffer(device.device, &info, nil, &buffer), "vkCreateBuffer")
        guard let buffer else { throw VulkanError(call: "vkCreateBuffer", result: VK_ERROR_INITIALIZATION_FAILED) }
        var requirements = VkMemoryRequirements()
        vkGetBufferMemoryRequirements(device.device, buffer, &requirements)
        var allocation = VkMemoryAllocateInfo()
        allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO
        allocation.allocationSize = requirements.size
        allocation.memoryTypeIndex = device.memoryTypeIndex
        var memory: VkDeviceMemory?
        let allocated = vkAllocateMemory(device.device, &allocation, nil, &memory)
        guard allocated == VK_SUCCESS, let memory else {
            vkDestroyBuffer(device.device, buffer, nil)
            throw VulkanError(call: "vkAllocateMemory", result: allocated == VK_SUCCESS ? VK_ERROR_UNKNOWN : allocated)
        }
        var mapped: UnsafeMutableRawPointer?
        var result = vkBindBufferMemory(device.device, buffer, memory, 0)
        if result == VK_SUCCESS { result = vkMapMemory(device.device, memory, 0, VkDeviceSize(VK_WHOLE_SIZE), 0, &mapped) }
        guard result == VK_SUCCESS, let mapped else {
            vkDestroyBuffer(device.device, buffer, nil)
            vkFreeMemory(device.device, memory, nil)
            throw VulkanError(call: "vkBindBufferMemory/vkMapMemory", result: result == VK_SUCCESS ? VK_ERROR_MEMORY_MAP_FAILED : result)
        }
        self.buffer = buffer
        self.memory = memory
        self.mapped = mapped
    }

    deinit {
        vkUnmapMemory(device.device, memory)
        vkDestroyBuffer(device.device, buffer, nil)
        vkFreeMemory(device.device, memory, nil)
    }

    public func address(ofSlot index: Int) -> UnsafeMutableRawPointer? { index == 0 ? mapped : nil }

    public func claimSlot() -> Int? {
        inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged ? 0 : nil
    }

    public func releaseSlot(_ index: Int) { inUse.store(false, ordering: .releasing) }
}
