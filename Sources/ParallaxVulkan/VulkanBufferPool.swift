import ParallaxCore
import Synchronization

/// Lends GPU buffers of one size (a frame of the negotiated caps) and takes them back: the GPU counterpart of
/// a link's buffer pool. Buffers the pipeline finishes with come back through `recycle` and are lent again;
/// the pool makes a new `VulkanBufferArena` only when none is free.
///
/// ```swift
/// let pool = try VulkanBufferPool(device: .shared(), size: info.size)
/// var frame = try pool.makeBuffer()          // a Buffer whose storage is GPU memory
/// pool.close()                               // at stop: drops the free buffers
/// ```
/// Thread: any; the free list is behind a lock.
public final class VulkanBufferPool: BufferStorageOwner {
    /// The device the buffers live on.
    public let device: VulkanDevice
    /// The size of each buffer in bytes.
    public let size: Int
    private let free = Mutex<(storages: [BufferStorage], closed: Bool)>(([], false))

    /// A pool of `size`-byte GPU buffers on `device`.
    public init(device: VulkanDevice, size: Int) {
        self.device = device
        self.size = size
    }

    /// A buffer of `size` bytes, all in use, from the free list or newly made.
    public func makeBuffer() throws(VulkanError) -> Buffer {
        if let storage = free.withLock({ $0.storages.popLast() }) { return Buffer(storage: storage, length: size) }
        let arena = try VulkanBufferArena(device: device, size: size)
        _ = arena.claimSlot()
        return Buffer(storage: BufferStorage(arena: arena, slot: 0, owner: self), length: size)
    }

    /// How many buffers wait in the free list.
    public var freeCount: Int { free.withLock { $0.storages.count } }

    /// Drops the free buffers and lets buffers still out end with their last reference instead of coming back.
    public func close() {
        let dropped = free.withLock { state in
            state.closed = true
            defer { state.storages = [] }
            return state.storages
        }
        _ = dropped
    }

    public func recycle(_ storage: consuming BufferStorage) {
        var returned: BufferStorage? = storage
        // A closed pool hands the storage back out of the lock, where it ends (and frees its GPU memory).
        returned = free.withLock { state in
            guard !state.closed, let storage = returned.take() else { return returned.take() }
            state.storages.append(storage)
            return nil
        }
    }

    public func storageDidEnd(slot: Int) {}
}
