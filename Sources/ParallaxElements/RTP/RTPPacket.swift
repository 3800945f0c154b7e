#if Network
/// The fixed RTP header (RFC 3550 §5.1) of one packet, read and checked: version 2, CSRCs, an extension
/// and padding all within the packet. `payload` is the range of the packet's bytes that carry media.
struct RTPPacket: Equatable {
    var marker: Bool
    var payloadType: UInt8
    var sequence: UInt16
    var timestamp: UInt32
    var ssrc: UInt32
    var payload: Range<Int>

    /// Why a packet was refused.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case version(UInt8)
        case headerPastEnd
        case padding(Int)

        var description: String {
            switch self {
            case .tooShort(let count): "a packet of \(count) bytes is shorter than an RTP header"
            case .version(let version): "RTP version \(version), not 2"
            case .headerPastEnd: "the CSRC list or header extension runs past the packet"
            case .padding(let count): "a padding count of \(count) runs past the packet"
            }
        }
    }

    /// Parses `bytes` (one whole packet).
    init(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        guard bytes.count >= 12 else { throw .tooShort(bytes.count) }
        let first = bytes[0]
        guard first >> 6 == 2 else { throw .version(first >> 6) }
        marker = bytes[1] & 0x80 != 0
        payloadType = bytes[1] & 0x7F
        sequence = UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        timestamp = bytes[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        ssrc = bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var start = 12 + Int(first & 0x0F) * 4
        guard start <= bytes.count else { throw .headerPastEnd }
        if first & 0x10 != 0 {
            guard start + 4 <= bytes.count else { throw .headerPastEnd }
            let words = Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
            start += 4 + words * 4
            guard start <= bytes.count else { throw .headerPastEnd }
        }
        var end = bytes.count
        if first & 0x20 != 0 {
            let padding = Int(bytes[bytes.count - 1])
            guard padding >= 1, end - padding >= start else { throw .padding(padding) }
            end -= padding
        }
        payload = start..<end
    }
}
#endif  // Network
