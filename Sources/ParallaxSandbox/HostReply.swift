import ParallaxCore
import ParallaxRuntime

/// Host → supervisor through the reply ring: how a work order ended, or what the element asks for while it
/// runs (an output slot to emit into, an emitted output, a message for the bus).
///
/// ```
/// work ──► [needOutput ◄─ emitSlot] [emitted(slot) ◄─ emitStatus] [posted] … ──► done | failed
/// ```
public enum HostReply: RingRecord, Hashable {
    /// The element returned; its result.
    case done(WorkResult)
    /// The element threw; the error's text follows on the control socket.
    case failed
    /// The element wants a fresh output slot (`ctx.emit`, `ctx.makeOutputBuffer`); the supervisor answers
    /// with `HostRequest.emitSlot`.
    case needOutput
    /// The element sends on the output in `slot` (one the supervisor lent with `emitSlot`) with the result's
    /// length and metadata; the supervisor answers with `HostRequest.emitStatus`.
    case emitted(WorkResult, slot: SlotReference)
    /// The element posted a bus message; its text follows on the control socket (`ControlMessage.post`).
    case posted

    /// Layout: kind u32 @0, status u32 @4, output length u64 @8, metadata @16, emitted slot (arena u32 @72,
    /// slot u32 @76, length u64 @80).
    public func store(to base: UnsafeMutableRawPointer) {
        let kind: UInt32
        switch self {
        case .done: kind = 0
        case .failed: kind = 1
        case .needOutput: kind = 2
        case .emitted: kind = 3
        case .posted: kind = 4
        }
        base.storeBytes(of: kind, toByteOffset: 0, as: UInt32.self)
        let result: WorkResult
        switch self {
        case .done(let done): result = done
        case .emitted(let emitted, let slot):
            result = emitted
            base.storeBytes(of: slot.arena, toByteOffset: 72, as: UInt32.self)
            base.storeBytes(of: slot.slot, toByteOffset: 76, as: UInt32.self)
            base.storeBytes(of: slot.length, toByteOffset: 80, as: UInt64.self)
        case .failed, .needOutput, .posted: return
        }
        base.storeBytes(of: HostRequest.code(result.status), toByteOffset: 4, as: UInt32.self)
        base.storeBytes(of: result.outputLength, toByteOffset: 8, as: UInt64.self)
        result.metadata.store(to: base, at: 16)
    }

    /// Reads a reply; nil for an unknown kind or status.
    public static func load(from base: UnsafeRawPointer) -> HostReply? {
        let kind = base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)
        switch kind {
        case 1: return .failed
        case 2: return .needOutput
        case 4: return .posted
        case 0, 3: break
        default: return nil
        }
        guard let status = HostRequest.status(base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)) else { return nil }
        let result = WorkResult(
            status: status, outputLength: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            metadata: BufferMetadata(ringAt: base, offset: 16))
        guard kind == 3 else { return .done(result) }
        return .emitted(
            result,
            slot: SlotReference(
                arena: base.loadUnaligned(fromByteOffset: 72, as: UInt32.self),
                slot: base.loadUnaligned(fromByteOffset: 76, as: UInt32.self),
                length: base.loadUnaligned(fromByteOffset: 80, as: UInt64.self)))
    }
}
