import Glibc
import ParallaxCore
import ParallaxRuntime

/// What an element host holds once sandboxed: the arenas the supervisor granted (mapped once, by id) and
/// the elements it runs. Every order is checked before it touches memory: an unknown arena or element, a
/// slot out of range or a length beyond the slot is a protocol violation.
///
/// Thread: the host's only thread.
struct HostSession {
    /// The granted arenas (shared with the emitter of a running call).
    let arenas = HostArenas()
    /// Per element, the output slots lent to it and not sent back yet.
    private var lentSlots: [UInt16: HostLentSlots] = [:]

    /// The slots lent to element `index` (made on first use).
    mutating func lent(to index: UInt16) -> HostLentSlots {
        if let slots = lentSlots[index] { return slots }
        let slots = HostLentSlots()
        lentSlots[index] = slots
        return slots
    }
    private var elements: [UInt16: HostedElement] = [:]
    private let registry: ElementRegistry
    private let slots = ForeignSlots()

    init(registry: ElementRegistry) { self.registry = registry }

    /// Maps a granted arena; the session owns `descriptor` from here on.
    func grant(_ grant: ArenaGrant, descriptor: Int32?) throws(ControlProtocolError) {
        try arenas.grant(grant, descriptor: descriptor)
    }

    /// Whether arena `id` has been granted.
    func knows(arena id: UInt32) -> Bool { arenas.knows(id) }

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
    mutating func perform(_ order: WorkOrder, emitter: HostCallEmitter) throws(ControlProtocolError)
        -> Result<WorkResult, ElementError>
    {
        guard var element = elements[order.element] else { throw .invalidField("work.element \(order.element)") }
        if order.drain {
            guard order.input == nil, order.output == nil else { throw .invalidField("work.drain with slots") }
            defer { elements[order.element] = element }
            do {
                return .success(try element.drain(metadata: order.metadata, emitter: emitter))
            } catch {
                return .failure(error)
            }
        }
        var input: Buffer?
        if let reference = order.input {
            let arena = try arenas.arena(reference, field: "work.input")
            var buffer = Buffer(
                storage: BufferStorage(arena: arena, slot: Int(reference.slot), owner: slots),
                length: Int(reference.length))
            buffer.metadata = order.metadata
            input = buffer
        }
        var output: UnsafeMutableRawPointer?
        var capacity = 0
        if let reference = order.output {
            let arena = try arenas.writableArena(reference, field: "work.output")
            output = arena.address(ofSlot: Int(reference.slot))
            capacity = Int(reference.length)
        }
        let result: Result<WorkResult, ElementError>
        do {
            result = .success(try element.perform(
                input: input, output: output, capacity: capacity, metadata: order.metadata, emitter: emitter))
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

    /// Whether element `index` is a transform (it may emit outputs of its own).
    func isTransform(_ index: UInt16) -> Bool { elements[index]?.isTransform ?? false }

    /// Stops every element.
    mutating func stopAll() {
        for index in elements.keys.sorted() { elements[index]?.stop() }
    }
}
