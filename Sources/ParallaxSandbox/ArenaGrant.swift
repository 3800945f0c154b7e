/// Supervisor → host: an arena's layout, sent once with its descriptor attached (SCM_RIGHTS). The host maps
/// it read-only unless `writable` (the output arena of the element it runs) and caches the mapping by `id`.
public struct ArenaGrant: Sendable, Hashable {
    /// The id work orders use for this arena.
    public var id: UInt32
    /// Usable bytes per slot.
    public var slotSize: UInt64
    /// Slots in the arena.
    public var slotCount: UInt32
    /// Whether the host may write (a descriptor opened read-write); inputs are always read-only.
    public var writable: Bool

    /// Creates a grant.
    public init(id: UInt32, slotSize: UInt64, slotCount: UInt32, writable: Bool) {
        self.id = id
        self.slotSize = slotSize
        self.slotCount = slotCount
        self.writable = writable
    }
}

extension ArenaGrant {
    func write(to writer: inout ControlWireWriter) {
        writer.u32(id)
        writer.u64(slotSize)
        writer.u32(slotCount)
        writer.bool(writable)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        self.init(
            id: try reader.u32(), slotSize: try reader.u64(), slotCount: try reader.u32(),
            writable: try reader.bool("arena.writable"))
    }
}
