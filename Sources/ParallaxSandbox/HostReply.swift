import ParallaxCore
import ParallaxRuntime

/// Host → supervisor through the reply ring: how a work order ended.
public enum HostReply: RingRecord, Hashable {
    /// The element returned; its result.
    case done(WorkResult)
    /// The element threw; the error's text follows on the control socket.
    case failed

    /// Layout: kind u32 @0, status u32 @4, output length u64 @8, metadata @16.
    public func store(to base: UnsafeMutableRawPointer) {
        guard case .done(let result) = self else {
            base.storeBytes(of: UInt32(1), toByteOffset: 0, as: UInt32.self)
            return
        }
        base.storeBytes(of: UInt32(0), toByteOffset: 0, as: UInt32.self)
        let status: UInt32 =
            switch result.status {
            case .ok: 0
            case .dropped: 1
            case .eos: 2
            }
        base.storeBytes(of: status, toByteOffset: 4, as: UInt32.self)
        base.storeBytes(of: result.outputLength, toByteOffset: 8, as: UInt64.self)
        result.metadata.store(to: base, at: 16)
    }

    /// Reads a reply; nil for an unknown kind or status.
    public static func load(from base: UnsafeRawPointer) -> HostReply? {
        switch base.loadUnaligned(fromByteOffset: 0, as: UInt32.self) {
        case 1: return .failed
        case 0: break
        default: return nil
        }
        let status: FlowStatus
        switch base.loadUnaligned(fromByteOffset: 4, as: UInt32.self) {
        case 0: status = .ok
        case 1: status = .dropped
        case 2: status = .eos
        default: return nil
        }
        return .done(
            WorkResult(
                status: status, outputLength: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                metadata: BufferMetadata(ringAt: base, offset: 16)))
    }
}
