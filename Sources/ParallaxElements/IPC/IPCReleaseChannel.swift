import ParallaxCore
import ParallaxRuntime
import Synchronization

/// The `ipc_src` side of one connection's release ring: buffers made from the sink's slots hand their slot
/// back here when their last holder drops them, from whichever thread that is. After a disconnect the
/// channel is closed and late releases are dropped (the sink reclaimed everything already).
final class IPCReleaseChannel: Sendable {
    private let ring: SlotRing
    private let open = Mutex(true)

    init(ring: SlotRing) { self.ring = ring }

    /// Queues `slot` of `arena` for return; waits for room if the sink is behind.
    func release(arena: UInt32, slot: Int) {
        let entry = SlotEntry(arena: arena, slot: UInt32(slot), length: 0)
        while true {
            let pushed: Bool? = open.withLock { isOpen in
                guard isOpen else { return true }
                return try? ring.tryPush(entry)
            }
            if pushed != false { return }
            ring.waitForRoom(timeoutNanoseconds: 10_000_000)
        }
    }

    /// Stops returning slots.
    func close() { open.withLock { $0 = false } }
}

/// Owner of the buffers `ipc_src` makes from one lent arena: ending a buffer returns its slot.
final class IPCLentArena: BufferStorageOwner {
    let id: UInt32
    let channel: IPCReleaseChannel

    init(id: UInt32, channel: IPCReleaseChannel) {
        self.id = id
        self.channel = channel
    }

    func recycle(_ storage: consuming BufferStorage) {}
    func storageDidEnd(slot: Int) { channel.release(arena: id, slot: slot) }
}
