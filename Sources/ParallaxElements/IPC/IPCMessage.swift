/// A message on an `ipc_sink` ↔ `ipc_src` socket (Unix, `SOCK_SEQPACKET`, one message per packet). Buffers
/// do not travel here: slot references go through the shared rings, and bytes stay in the arenas.
///
/// ```
/// sink → src  hello(version, ring capacity, caps)   + the data ring's memfd
/// sink → src  releaseRing                           + the release ring's memfd
/// src → sink  ready                               (rings mapped: the sink may start lending)
/// sink → src  arena(id, slot size, slot count)      + the arena's memfd, re-opened read-only
/// ```
/// A connection that closes before `ready` (a probe checking whether the path is served) is not a peer.
enum IPCMessage: Equatable {
    case hello(version: UInt8, ringCapacity: UInt32, caps: String)
    case releaseRing
    case arena(id: UInt32, slotSize: UInt64, slotCount: UInt32)
    case ready

    static let version: UInt8 = 1
    static let maximumSize = 8192

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        switch self {
        case .hello(let version, let capacity, let caps):
            bytes = [1, version]
            u32(capacity)
            bytes += caps.utf8.prefix(Self.maximumSize - 6)
        case .releaseRing:
            bytes = [2]
        case .arena(let id, let slotSize, let slotCount):
            bytes = [3]
            u32(id)
            u64(slotSize)
            u32(slotCount)
        case .ready:
            bytes = [4]
        }
        return bytes
    }

    /// Decodes one packet; nil for anything malformed.
    static func decode(_ bytes: ArraySlice<UInt8>) -> IPCMessage? {
        func u32(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[bytes.startIndex + at + $1]) << (8 * $1) }
        }
        func u64(_ at: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[bytes.startIndex + at + $1]) << (8 * $1) }
        }
        guard let type = bytes.first else { return nil }
        switch (type, bytes.count) {
        case (1, 6...):
            guard let caps = String(validating: bytes.dropFirst(6), as: UTF8.self) else { return nil }
            return .hello(version: bytes[bytes.startIndex + 1], ringCapacity: u32(2), caps: caps)
        case (2, 1): return .releaseRing
        case (3, 17): return .arena(id: u32(1), slotSize: u64(5), slotCount: u32(13))
        case (4, 1): return .ready
        default: return nil
        }
    }
}
