import Glibc
import ParallaxCore
import ParallaxRuntime

/// The arenas an element host has been granted, mapped once and found by id. A class: the session and the
/// emitter of a running call (`HostCallEmitter`) share the table.
///
/// Thread: the host's only thread.
final class HostArenas {
    private var arenas: [UInt32: CpuArena] = [:]

    /// Maps a granted arena; the table owns `descriptor` from here on.
    func grant(_ grant: ArenaGrant, descriptor: Int32?) throws(ControlProtocolError) {
        guard let descriptor else { throw .invalidField("arena: no descriptor attached") }
        guard arenas[grant.id] == nil, grant.slotCount > 0, grant.slotSize <= UInt64(Int.max / 2) else {
            close(descriptor)
            throw .invalidField("arena \(grant.id)")
        }
        do {
            arenas[grant.id] = try CpuArena.mapReceived(
                descriptor: descriptor, slotSize: Int(grant.slotSize), slotCount: Int(grant.slotCount),
                access: grant.writable ? .readWrite : .readOnly, name: "arena \(grant.id)")
        } catch {
            close(descriptor)
            throw .invalidField("arena \(grant.id): \(error)")
        }
    }

    /// The id the supervisor gave `arena` (a mapped arena has an id of its own in this process).
    func grantID(of arena: any Arena) -> UInt32? {
        arenas.first { $0.value === arena as AnyObject }?.key
    }

    /// Whether arena `id` has been granted.
    func knows(_ id: UInt32) -> Bool { arenas[id] != nil }

    /// The arena `reference` points into, after checking the slot and length lie inside it.
    func arena(_ reference: SlotReference, field: String) throws(ControlProtocolError) -> CpuArena {
        guard let arena = arenas[reference.arena] else { throw .invalidField("\(field): unknown arena \(reference.arena)") }
        guard reference.slot < UInt32(arena.slotCount), reference.length <= UInt64(arena.slotSize) else {
            throw .invalidField("\(field): slot \(reference.slot) length \(reference.length) outside arena \(reference.arena)")
        }
        return arena
    }

    /// The writable arena `reference` points into (an output slot).
    func writableArena(_ reference: SlotReference, field: String) throws(ControlProtocolError) -> CpuArena {
        let arena = try arena(reference, field: field)
        guard arena.access == .readWrite else { throw .invalidField("\(field): arena is read-only") }
        return arena
    }
}
