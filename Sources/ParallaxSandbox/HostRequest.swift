import ParallaxCore
import ParallaxRuntime

/// Supervisor → host through the request ring: a work order, or a nudge to read the control socket
/// (shutdown, end-of-stream and other messages that travel there once the rings are up).
public enum HostRequest: RingRecord, Hashable {
    /// Run one element call.
    case work(WorkOrder)
    /// Read the next message from the control socket.
    case control

    /// Layout: kind u32 @0, element u32 @4, has-input/has-output bits u32 @8, input slot @16 (arena u32,
    /// slot u32 @20, length u64 @24), output slot @32 (arena, slot @36, length @40), metadata @48.
    public func store(to base: UnsafeMutableRawPointer) {
        guard case .work(let order) = self else {
            base.storeBytes(of: UInt32(1), toByteOffset: 0, as: UInt32.self)
            return
        }
        base.storeBytes(of: UInt32(0), toByteOffset: 0, as: UInt32.self)
        base.storeBytes(of: UInt32(order.element), toByteOffset: 4, as: UInt32.self)
        let bits: UInt32 = (order.input != nil ? 1 : 0) | (order.output != nil ? 2 : 0)
        base.storeBytes(of: bits, toByteOffset: 8, as: UInt32.self)
        for (slot, offset) in [(order.input, 16), (order.output, 32)] {
            base.storeBytes(of: slot?.arena ?? 0, toByteOffset: offset, as: UInt32.self)
            base.storeBytes(of: slot?.slot ?? 0, toByteOffset: offset + 4, as: UInt32.self)
            base.storeBytes(of: slot?.length ?? 0, toByteOffset: offset + 8, as: UInt64.self)
        }
        order.metadata.store(to: base, at: 48)
    }

    /// Reads a request; nil for an unknown kind, element index or bits.
    public static func load(from base: UnsafeRawPointer) -> HostRequest? {
        switch base.loadUnaligned(fromByteOffset: 0, as: UInt32.self) {
        case 1: return .control
        case 0: break
        default: return nil
        }
        let element = base.loadUnaligned(fromByteOffset: 4, as: UInt32.self)
        let bits = base.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard element <= UInt32(UInt16.max), bits & ~3 == 0 else { return nil }
        func slot(_ offset: Int) -> SlotReference {
            SlotReference(
                arena: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self),
                slot: base.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                length: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        }
        return .work(
            WorkOrder(
                element: UInt16(element), input: bits & 1 != 0 ? slot(16) : nil,
                output: bits & 2 != 0 ? slot(32) : nil, metadata: BufferMetadata(ringAt: base, offset: 48)))
    }
}
