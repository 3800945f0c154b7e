import ParallaxCore
import ParallaxRuntime

/// What a hosted transform's `ctx.emit`, `ctx.makeOutputBuffer` and `ctx.post` talk to inside the host:
/// each output it sends goes to a slot the supervisor lends for it, one exchange on the rings at a time.
///
/// ```
/// makeOutputBuffer ─► reply needOutput ─► request emitSlot(slot | none: stopping) ─► buffer over the slot
/// emit(buffer)     ─► reply emitted(slot, length, metadata) ─► request emitStatus(ok | eos)
/// emit(fill)       ─► both of the above
/// post(message)    ─► reply posted, socket post(text) (no answer)
/// ```
/// A protocol violation (an answer that is not the one asked for, a slot outside its arena) ends the call:
/// every later emit reports end-of-stream and the host loop reports the violation once the element returns.
/// A control nudge that arrives while the element waits (the pipeline is stopping) does the same, and the
/// host loop reads the control socket afterwards.
/// Thread: the host's only thread, during one call.
final class HostCallEmitter: OutputEmitter {
    /// Sends a reply record and returns the request that answers it; `nil` answer for replies that get none.
    typealias Exchange = (HostReply, _ answered: Bool) throws(ControlProtocolError) -> HostRequest?

    private let exchange: Exchange
    private let arenas: HostArenas
    private let receiveArena: (UInt32) throws(ControlProtocolError) -> Void
    private let sendText: (ControlMessage) throws(ControlProtocolError) -> Void
    private let slots = ForeignSlots()
    /// The slots lent to this element and not sent back yet (kept by the session across calls).
    private let lent: HostLentSlots
    /// Why the call cannot go on talking to the supervisor, once something went wrong.
    private(set) var violation: ControlProtocolError?
    /// Whether a control nudge arrived during the call (read the socket after it).
    private(set) var controlPending = false
    let acceptsOutputs: Bool

    init(
        acceptsOutputs: Bool, arenas: HostArenas, lent: HostLentSlots, exchange: @escaping Exchange,
        receiveArena: @escaping (UInt32) throws(ControlProtocolError) -> Void,
        sendText: @escaping (ControlMessage) throws(ControlProtocolError) -> Void
    ) {
        self.acceptsOutputs = acceptsOutputs
        self.arenas = arenas
        self.lent = lent
        self.exchange = exchange
        self.receiveArena = receiveArena
        self.sendText = sendText
    }

    func makeOutput() -> Buffer? {
        guard violation == nil, !controlPending else { return nil }
        do throws(ControlProtocolError) {
            guard let answer = try exchange(.needOutput, true) else { return nil }
            switch answer {
            case .emitSlot(nil):
                return nil
            case .emitSlot(let slot?):
                if !arenas.knows(slot.arena) { try receiveArena(slot.arena) }
                let arena = try arenas.writableArena(slot, field: "emit.slot")
                lent.slots.append((slot.arena, Int(slot.slot)))
                return Buffer(storage: BufferStorage(arena: arena, slot: Int(slot.slot), owner: slots), length: Int(slot.length))
            case .control:
                controlPending = true
                return nil
            default:
                throw .invalidField("an output slot was asked for, \(answer) came")
            }
        } catch {
            violation = error
            return nil
        }
    }

    private func lentIndex(_ storage: BufferStorage) -> Int? {
        guard let arena = storage.arena, let id = arenas.grantID(of: arena) else { return nil }
        return lent.slots.firstIndex { $0.arena == id && $0.slot == storage.slot }
    }

    func emitBuffer(_ buffer: Buffer) -> FlowStatus {
        var sent = buffer
        if lentIndex(buffer.storage) == nil {
            // A buffer the supervisor did not lend (an input kept, a heap buffer): copied into a lent slot.
            guard var fresh = makeOutput(), fresh.length >= buffer.length, let target = fresh.storage.base else { return .eos }
            buffer.withUnsafeBytes { if let from = $0.baseAddress { target.copyMemory(from: from, byteCount: $0.count) } }
            fresh.length = buffer.length
            fresh.metadata = buffer.metadata
            sent = fresh
        }
        guard violation == nil, !controlPending, let index = lentIndex(sent.storage) else { return .eos }
        let (arena, _) = lent.slots.remove(at: index)
        let slot = SlotReference(arena: arena, slot: UInt32(sent.storage.slot), length: UInt64(sent.storage.capacity))
        let result = WorkResult(status: .ok, outputLength: UInt64(sent.length), metadata: sent.metadata)
        do throws(ControlProtocolError) {
            switch try exchange(.emitted(result, slot: slot), true) {
            case .emitStatus(let status)?: return status
            case .control?:
                controlPending = true
                return .eos
            case let other:
                throw .invalidField("an emitted output was answered with \(String(describing: other))")
            }
        } catch {
            violation = error
            return .eos
        }
    }

    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus {
        guard var output = makeOutput() else { return .eos }
        let capacity = output.length
        let written = fill(UnsafeMutableRawBufferPointer(start: output.storage.base, count: capacity))
        output.length = max(0, min(written, capacity))
        output.metadata = metadata
        return emitBuffer(output)
    }

    func post(_ message: CapsStructure) {
        guard violation == nil else { return }
        do throws(ControlProtocolError) {
            // The record first, then its text: the supervisor reads the text once it has the record.
            _ = try exchange(.posted, false)
            try sendText(.post(message.description))
        } catch {
            violation = error
        }
    }
}
