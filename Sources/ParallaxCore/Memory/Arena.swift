/// A region of memory cut into fixed-size slots that buffers borrow: the unit that crosses processes.
///
/// The CPU implementation (`CpuArena`, in ParallaxRuntime) is one sealed memfd per arena. Slots are
/// claimed and released through a lock-free bitmap, so any thread may release a slot.
/// ```
/// arena (memfd, sealed)   | slot 0 | slot 1 | slot 2 | ... | slot n-1 |
/// free bitmap (atomics)      0        1        1             1          (1 = free)
/// ```
public protocol Arena: AnyObject, Sendable {
    /// An identifier unique within the process; it names the arena on the wire.
    var id: UInt32 { get }
    /// The size of each slot in bytes.
    var slotSize: Int { get }
    /// How many slots the arena holds.
    var slotCount: Int { get }
    /// The memory this arena provides.
    var memoryType: MemoryType { get }
    /// The rights of this process's mapping.
    var access: Access { get }
    /// The address of slot `index` in this process, or nil for zero-sized slots.
    func address(ofSlot index: Int) -> UnsafeMutableRawPointer?
    /// Claims a free slot, or returns nil when all are in use. Lock-free; called by the link's producer.
    func claimSlot() -> Int?
    /// Returns a slot to the free set. Lock-free; any thread.
    func releaseSlot(_ index: Int)
}
