import ParallaxCore
import ParallaxRuntime

/// Supervisor → host through the request ring: a work order, a nudge to read the control socket
/// (shutdown, end-of-stream and other messages that travel there once the rings are up), or the answers to
/// what a running element asked for (`HostReply.needOutput`, `HostReply.emitted`).
public enum HostRequest: RingRecord, Hashable {
    /// Run one element call.
    case work(WorkOrder)
    /// Read the next message from the control socket.
    case control
    /// The output slot the element asked for, or nil when the pipeline is stopping (its emit ends the stream).
    case emitSlot(SlotReference?)
    /// How downstream took the output the element emitted.
    case emitStatus(FlowStatus)

    /// Layout: kind u32 @0, element u32 @4 (`emitStatus`: the status), bits u32 @8 (has-input 1, has-output 2,
    /// drain 4; `emitSlot`: has-slot 1), input slot @16 (arena u32, slot u32 @20, length u64 @24; `emitSlot`:
    /// the slot), output slot @32 (arena, slot @36, length @40), metadata @48.
    public func store(to base: UnsafeMutableRawPointer) {
        switch self {
        case .control:
            base.storeBytes(of: UInt32(1), toByteOffset: 0, as: UInt32.self)
        case .emitSlot(let slot):
            base.storeBytes(of: UInt32(2), toByteOffset: 0, as: UInt32.self)
            base.storeBytes(of: UInt32(slot == nil ? 0 : 1), toByteOffset: 8, as: UInt32.self)
            Self.store(slot, to: base, at: 16)
        case .emitStatus(let status):
            base.storeBytes(of: UInt32(3), toByteOffset: 0, as: UInt32.self)
            base.storeBytes(of: Self.code(status), toByteOffset: 4, as: UInt32.self)
        case .work(let order):
            base.storeBytes(of: UInt32(0), toByteOffset: 0, as: UInt32.self)
            base.storeBytes(of: UInt32(order.element), toByteOffset: 4, as: UInt32.self)
            let bits: UInt32 = (order.input != nil ? 1 : 0) | (order.output != nil ? 2 : 0) | (order.drain ? 4 : 0)
            base.storeBytes(of: bits, toByteOffset: 8, as: UInt32.self)
            Self.store(order.input, to: base, at: 16)
            Self.store(order.output, to: base, at: 32)
            order.metadata.store(to: base, at: 48)
        }
    }

    /// Reads a request; nil for an unknown kind, element index, status or bits.
    public static func load(from base: UnsafeRawPointer) -> HostRequest? {
        let bits = base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        switch base.loadUnaligned(fromByteOffset: 0, as: UInt32.self) {
        case 1: return .control
        case 2:
            guard bits & ~1 == 0 else { return nil }
            return .emitSlot(bits == 1 ? slot(base, 16) : nil)
        case 3: return status(base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)).map { .emitStatus($0) }
        case 0: break
        default: return nil
        }
        let element = base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        guard element <= UInt32(UInt16.max), bits & ~7 == 0 else { return nil }
        return .work(
            WorkOrder(
                element: UInt16(element), input: bits & 1 != 0 ? slot(base, 16) : nil,
                output: bits & 2 != 0 ? slot(base, 32) : nil, metadata: BufferMetadata(ringAt: base, offset: 48),
                drain: bits & 4 != 0))
    }

    private static func store(_ slot: SlotReference?, to base: UnsafeMutableRawPointer, at offset: Int) {
        base.storeBytes(of: slot?.arena ?? 0, toByteOffset: offset, as: UInt32.self)
        base.storeBytes(of: slot?.slot ?? 0, toByteOffset: offset + 4, as: UInt32.self)
        base.storeBytes(of: slot?.length ?? 0, toByteOffset: offset + 8, as: UInt64.self)
    }

    private static func slot(_ base: UnsafeRawPointer, _ offset: Int) -> SlotReference {
        SlotReference(
            arena: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
            slot: base.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
            length: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
    }

    /// A flow status on the rings.
    static func code(_ status: FlowStatus) -> UInt32 {
        switch status {
        case .ok: 0
        case .dropped: 1
        case .eos: 2
        }
    }

    /// The flow status of `code`, or nil.
    static func status(_ code: UInt32) -> FlowStatus? {
        switch code {
        case 0: .ok
        case 1: .dropped
        case 2: .eos
        default: nil
        }
    }
}
