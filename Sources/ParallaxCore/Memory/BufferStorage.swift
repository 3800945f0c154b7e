/// The memory behind a buffer: one arena slot (or a heap block), shared by every copy of a `Buffer`.
///
/// A storage object is reused for many buffers: when the pipeline sees that a finished buffer held the
/// only reference, it hands the object straight back to its pool (`BufferStorageOwner.recycle`) without
/// freeing it, so the hot path allocates nothing. If the last reference goes away elsewhere (a buffer kept
/// by user code), `deinit` returns the slot instead.
/// Thread: any; the bytes are protected by the uniqueness rule of `Buffer`.
public final class BufferStorage: @unchecked Sendable {  // unchecked: fields are immutable; bytes guarded by Buffer's uniqueness rule
    /// The first byte, or nil for zero-capacity storage.
    public let base: UnsafeMutableRawPointer?
    /// The usable size in bytes.
    public let capacity: Int
    /// The arena slot this storage occupies (or -1 for heap storage).
    public let slot: Int
    /// The arena this storage belongs to, or nil for heap storage.
    public let arena: (any Arena)?
    /// The pool that recycles this storage, or nil.
    public let owner: (any BufferStorageOwner)?

    /// Storage for one slot of `arena`, recycled through `owner`.
    public init(arena: any Arena, slot: Int, owner: (any BufferStorageOwner)?) {
        self.arena = arena
        self.slot = slot
        self.capacity = arena.slotSize
        self.base = arena.address(ofSlot: slot)
        self.owner = owner
    }

    /// Heap storage of `capacity` bytes (zero-filled), for buffers made outside a pipeline.
    public init(heapCapacity capacity: Int) {
        self.capacity = capacity
        self.base = capacity > 0 ? UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64) : nil
        self.base?.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        self.slot = -1
        self.arena = nil
        self.owner = nil
    }

    deinit {
        if let owner {
            owner.storageDidEnd(slot: slot)
        } else if let arena {
            arena.releaseSlot(slot)
        } else {
            base?.deallocate()
        }
    }
}

/// A pool that lends `BufferStorage` objects and takes them back.
///
/// Thread: `recycle` and `storageWillDeinit` may be called from any streaming thread.
public protocol BufferStorageOwner: AnyObject, Sendable {
    /// Takes back a storage object whose only reference the caller holds, marking its slot free.
    func recycle(_ storage: consuming BufferStorage)
    /// Frees `slot` of a storage object that is being destroyed (its last reference ended outside the pool).
    func storageDidEnd(slot: Int)
}
