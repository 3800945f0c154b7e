import CParallaxLinux
import Glibc
import ParallaxCore
import Synchronization

/// One arena of a `BufferPool` with a table of the storage objects of its free slots; the
/// `BufferStorageOwner` its buffers return to.
///
/// ```
/// storages:  [ S0 | nil | S2 | S3 ]   one entry per slot; an entry is written only by the slot's holder
/// bitmap:       1    0    1    1      (1 = free)   slot 1 is lent: its storage lives in a Buffer
/// ```
/// `take()` claims a slot (acquire ordering) and moves its storage object out of the table into the new
/// `Buffer`, which then holds the only reference, so `isKnownUniquelyReferenced` decides writability.
/// `recycle(_:)` puts the object back and then frees the bit (release ordering), so the next claimer sees
/// the entry; no lock is needed because only the holder of a slot's bit touches its entry. When a storage
/// object dies instead (`storageDidEnd(slot:)`), the bit is freed with the entry left empty, and the next
/// `take()` of that slot makes a new object (the slow path).
///
/// The table keeps its storage objects alive and they keep this owner alive, so `close()` (called when the
/// pool goes away) empties the table and makes later recycles drop their storage instead of parking it;
/// the arena is then freed once the last buffer lent from it ends.
/// Thread: `take` from the pool's acquiring thread(s); `recycle`, `storageDidEnd` from any thread.
final class PoolArena: BufferStorageOwner, @unchecked Sendable {  // unchecked: entries guarded by slot bits
    /// The arena whose slots this owner lends.
    let arena: CpuArena
    private let wakeup: PoolWakeup
    private let storages: UnsafeMutablePointer<BufferStorage?>
    private let closed = Atomic<Bool>(false)

    init(arena: CpuArena, wakeup: PoolWakeup) {
        self.arena = arena
        self.wakeup = wakeup
        self.storages = UnsafeMutablePointer<BufferStorage?>.allocate(capacity: max(1, arena.slotCount))
        storages.initialize(repeating: nil, count: max(1, arena.slotCount))
    }

    deinit {
        // Every parked storage would keep `self` alive, so the table is empty here.
        storages.deinitialize(count: max(1, arena.slotCount))
        storages.deallocate()
    }

    /// Lends the lowest free slot as a buffer of `slotSize` bytes with fresh metadata, or nil when the
    /// arena is full. No allocation unless the slot has no storage object yet.
    func take() -> Buffer? {
        guard let slot = arena.claimSlot() else { return nil }
        guard var storage = storages[slot].take() else {
            return Buffer(storage: BufferStorage(arena: arena, slot: slot, owner: self), length: arena.slotSize)
        }
        if !isKnownUniquelyReferenced(&storage) { awaitLastReference(&storage) }
        return Buffer(storage: storage, length: arena.slotSize)
    }

    /// Waits, bounded, until `storage` is uniquely referenced here.
    ///
    /// `Buffer.release()` keeps its own reference while `recycle` runs and drops it just after, so a claimer
    /// on another thread can find the parked object a moment before the recycler lets go; handing it out then
    /// would make the new buffer look shared (and copy on its first write). The recycler needs only to return,
    /// so a short spin, then yielding the CPU to it, ends the wait. If it does not end (a caller broke the
    /// `recycle` contract and kept a reference), the buffer is lent shared: still safe, because a shared
    /// buffer copies before it is written.
    private func awaitLastReference(_ storage: inout BufferStorage) {
        for attempt in 0..<10_000 {
            if attempt < 64 { px_cpu_relax() } else { sched_yield() }
            if isKnownUniquelyReferenced(&storage) { return }
        }
    }

    /// Parks a storage object whose only reference the caller held and frees its slot, waking a waiter.
    ///
    /// The caller vouches for uniqueness (`Buffer.release()` checks it before handing the object over, and
    /// still holds that reference during this call, so it cannot be checked again here). A storage of
    /// another arena, or one that comes back after `close()`, is simply dropped: its `deinit` frees the
    /// slot through `storageDidEnd(slot:)` once the last reference ends.
    func recycle(_ storage: consuming BufferStorage) {
        let slot = storage.slot
        guard storage.arena === arena, slot >= 0, slot < arena.slotCount, !closed.load(ordering: .relaxed) else {
            return
        }
        storages[slot] = storage
        arena.tryReleaseSlot(slot)  // a rejected (double) release is counted by the arena
        wakeup.notify()  // its seq_cst fence orders the release above before the load below (pairs with close)
        if closed.load(ordering: .sequentiallyConsistent) { reclaim(slot) }
    }

    /// Frees the slot of a storage object that is being destroyed, waking a waiter.
    func storageDidEnd(slot: Int) {
        arena.tryReleaseSlot(slot)
        wakeup.notify()
    }

    /// Stops parking storage objects and drops the parked ones, breaking the table ↔ owner cycle.
    /// Called once, by the pool's `deinit`; buffers still lent out stay valid.
    func close() {
        closed.store(true, ordering: .sequentiallyConsistent)
        atomicMemoryFence(ordering: .sequentiallyConsistent)  // pairs with the fence in recycle
        var held: [Int] = []
        while let slot = arena.claimSlot() { held.append(slot) }
        for slot in held { storages[slot] = nil }
    }

    /// Drops the storage a recycler parked in `slot` while `close()` ran, unless `close()` already took it.
    private func reclaim(_ slot: Int) {
        guard arena.bitmap.claim(slot) else { return }
        storages[slot] = nil
    }
}
