import CVulkan
import Glibc
import ParallaxCore
import Synchronization

/// One GPU buffer as an `Arena` of one slot: a `VkBuffer` bound to its own `VkDeviceMemory`, mapped for the
/// life of the arena, so a `BufferStorage` over it is an ordinary `Buffer` whose caps say `memory:GPUMemory`.
///
/// ```
/// Buffer ─► BufferStorage(arena: VulkanBufferArena, slot 0) ─► VkBuffer + VkDeviceMemory (host-visible, mapped)
/// ```
/// Memory can cross processes as a descriptor (`VK_KHR_external_memory_fd`, opaque fd): an arena made
/// `exportable` gives descriptors (`exportDescriptor()`), and an arena made `importing:` one maps the same memory
/// on another `VulkanDevice` of the same physical device — in another process, or another device object here.
/// ```swift
/// let arena = try VulkanBufferArena(device: .shared(), size: 4096, exportable: true)
/// let shared = try VulkanBufferArena(device: otherDevice, size: 4096, importing: try arena.exportDescriptor())
/// ```
///
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
    public convenience init(device: VulkanDevice, size: Int) throws(VulkanError) {
        try self.init(device: device, size: size, external: .none)
    }

    /// A mapped GPU buffer of `size` bytes whose memory can be exported as a descriptor (`exportDescriptor()`);
    /// fails with `VK_ERROR_EXTENSION_NOT_PRESENT` on a device without `VK_KHR_external_memory_fd`.
    public convenience init(device: VulkanDevice, size: Int, exportable: Bool) throws(VulkanError) {
        try self.init(device: device, size: size, external: exportable ? .export : .none)
    }

    /// A mapped GPU buffer of `size` bytes over memory another arena exported (`exportDescriptor()`, with the
    /// same `size`, on the same physical device). Takes `descriptor`: Vulkan owns it once imported, and it is
    /// closed when the import fails.
    public convenience init(device: VulkanDevice, size: Int, importing descriptor: Int32) throws(VulkanError) {
        try self.init(device: device, size: size, external: .import(descriptor))
    }

    /// A descriptor of this arena's memory (a new one each call, the caller's to close or pass on).
    public func exportDescriptor() throws(VulkanError) -> Int32 {
        var descriptor: Int32 = -1
        try VulkanError.check(cvulkan_get_memory_fd(device.device, memory, &descriptor), "vkGetMemoryFdKHR")
        return descriptor
    }

    /// Where the memory comes from: allocated here, allocated for export, or imported from a descriptor.
    private enum External {
        case none
        case export
        case `import`(Int32)
    }

    private init(device: VulkanDevice, size: Int, external: External) throws(VulkanError) {
        // An imported descriptor is Vulkan's once the allocation succeeds; until then it is closed on failure.
        var unconsumed: Int32?
        if case .import(let descriptor) = external { unconsumed = descriptor }
        defer { if let unconsumed { close(unconsumed) } }
        if case .none = external {} else if !device.exportsMemory {
            throw VulkanError("\(device.name) cannot share memory across processes: it lacks VK_KHR_external_memory_fd")
        }
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
        let opaque = VkExternalMemoryHandleTypeFlags(VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT.rawValue)
        var externalInfo = VkExternalMemoryBufferCreateInfo()
        externalInfo.sType = VK_STRUCTURE_TYPE_EXTERNAL_MEMORY_BUFFER_CREATE_INFO
        externalInfo.handleTypes = opaque
        var buffer: VkBuffer?
        let created = withUnsafePointer(to: &externalInfo) { externalInfo in
            if case .none = external {} else { info.pNext = UnsafeRawPointer(externalInfo) }
            return vkCreateBuffer(device.device, &info, nil, &buffer)
        }
        try VulkanError.check(created, "vkCreateBuffer")
        guard let buffer else { throw VulkanError(call: "vkCreateBuffer", result: VK_ERROR_INITIALIZATION_FAILED) }
        var requirements = VkMemoryRequirements()
        vkGetBufferMemoryRequirements(device.device, buffer, &requirements)
        var allocation = VkMemoryAllocateInfo()
        allocation.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO
        allocation.allocationSize = requirements.size
        allocation.memoryTypeIndex = device.memoryTypeIndex
        var memory: VkDeviceMemory?
        var exportInfo = VkExportMemoryAllocateInfo()
        exportInfo.sType = VK_STRUCTURE_TYPE_EXPORT_MEMORY_ALLOCATE_INFO
        exportInfo.handleTypes = opaque
        var importInfo = VkImportMemoryFdInfoKHR()
        importInfo.sType = VK_STRUCTURE_TYPE_IMPORT_MEMORY_FD_INFO_KHR
        importInfo.handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT
        if case .import(let descriptor) = external { importInfo.fd = descriptor }
        let allocated = withUnsafePointer(to: &exportInfo) { exportInfo in
            withUnsafePointer(to: &importInfo) { importInfo in
                switch external {
                case .none: break
                case .export: allocation.pNext = UnsafeRawPointer(exportInfo)
                case .import: allocation.pNext = UnsafeRawPointer(importInfo)
                }
                return vkAllocateMemory(device.device, &allocation, nil, &memory)
            }
        }
        if allocated == VK_SUCCESS { unconsumed = nil }
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
