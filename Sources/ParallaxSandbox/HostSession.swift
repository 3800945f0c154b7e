import Glibc
import ParallaxCore
import ParallaxRuntime

/// What an element host holds once sandboxed: the arenas the supervisor granted (mapped once, by id) and
/// the elements it runs. Every order is checked before it touches memory: an unknown arena or element, a
/// slot out of range or a length beyond the slot is a protocol violation.
///
/// Thread: the host's only thread.
struct HostSession {
    private var arenas: [UInt32: CpuArena] = [:]
    private var elements: [UInt16: HostedElement] = [:]
    private let registry: ElementRegistry
    private let slots = ForeignSlots()

    init(registry: ElementRegistry) { self.registry = registry }

    /// Maps a granted arena; the session owns `descriptor` from here on.
    mutating func grant(_ grant: ArenaGrant, descriptor: Int32?) throws(ControlProtocolError) {
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

    /// Whether arena `id` has been granted.
    func knows(arena id: UInt32) -> Bool { arenas[id] != nil }

    /// Makes and starts an element, handing it `file` if the supervisor opened one for it.
    mutating func add(_ spec: HostedElementSpec, file: Int32?) throws(ElementError) {
        guard elements[spec.index] == nil else {
            if let file { close(file) }
            throw ElementError("element index \(spec.index) is taken")
        }
        elements[spec.index] = try HostedElement(spec: spec, registry: registry, file: file)
    }

    /// Runs one order. Protocol violations throw `ControlProtocolError`; element failures come back as
    /// `.failure` so the host can report them and go on serving.
    mutating func perform(_ order: WorkOrder) throws(ControlProtocolError) -> Result<WorkResult, ElementError> {
        guard var element = elements[order.element] else { throw .invalidField("work.element \(order.element)") }
        var input: Buffer?
        if let reference = order.input {
            let arena = try arena(reference, field: "work.input")
            var buffer = Buffer(
                storage: BufferStorage(arena: arena, slot: Int(reference.slot), owner: slots),
                length: Int(reference.length))
            buffer.metadata = order.metadata
            input = buffer
        }
        var output: UnsafeMutableRawPointer?
        var capacity = 0
        if let reference = order.output {
            let arena = try arena(reference, field: "work.output")
            guard arena.access == .readWrite else { throw .invalidField("work.output: arena is read-only") }
            output = arena.address(ofSlot: Int(reference.slot))
            capacity = Int(reference.length)
        }
        let result: Result<WorkResult, ElementError>
        do {
            result = .success(try element.perform(input: input, output: output, capacity: capacity, metadata: order.metadata))
        } catch {
            result = .failure(error)
        }
        elements[order.element] = element
        return result
    }

    /// Lets an element see end-of-stream.
    mutating func endOfStream(_ index: UInt16) throws(ControlProtocolError) -> ElementError? {
        guard var element = elements[index] else { throw .invalidField("eos.element \(index)") }
        defer { elements[index] = element }
        do {
            try element.endOfStream()
            return nil
        } catch {
            return error
        }
    }

    /// Stops every element.
    mutating func stopAll() {
        for index in elements.keys.sorted() { elements[index]?.stop() }
    }

    private func arena(_ reference: SlotReference, field: String) throws(ControlProtocolError) -> CpuArena {
        guard let arena = arenas[reference.arena] else { throw .invalidField("\(field): unknown arena \(reference.arena)") }
        guard reference.slot < UInt32(arena.slotCount), reference.length <= UInt64(arena.slotSize) else {
            throw .invalidField("\(field): slot \(reference.slot) length \(reference.length) outside arena \(reference.arena)")
        }
        return arena
    }
}
