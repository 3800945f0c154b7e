import ParallaxCore

/// Hand-built AV1 OBUs for the AV1 RTP tests: low-overhead OBUs with size fields, and the OBU elements the
/// payload specification puts in packets (the same OBUs without size fields).
enum AV1Stream {
    static let temporalDelimiter: [UInt8] = [0x12, 0x00]

    /// An OBU of `type` with a size field and `payload` (and the extension byte when given).
    static func obu(_ type: UInt8, _ payload: [UInt8], extensionByte: UInt8? = nil) -> [UInt8] {
        let header = type << 3 | 0x02 | (extensionByte == nil ? 0 : 0x04)
        return [header] + (extensionByte.map { [$0] } ?? []) + leb128(payload.count) + payload
    }

    /// The OBU element of the same OBU: no size field.
    static func element(_ type: UInt8, _ payload: [UInt8], extensionByte: UInt8? = nil) -> [UInt8] {
        [type << 3 | (extensionByte == nil ? 0 : 0x04)] + (extensionByte.map { [$0] } ?? []) + payload
    }

    static func leb128(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            bytes.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return bytes
    }

    /// `count` bytes counting up from `seed`.
    static func bytes(_ count: Int, seed: Int = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed) }
    }

    static let sequenceHeader = bytes(10, seed: 1)
}

extension Buffer {
    /// The RTP header fields of a packet, for assertions.
    var rtpMarker: Bool { byteArray[1] & 0x80 != 0 }
    var rtpSequence: UInt16 { UInt16(byteArray[2]) << 8 | UInt16(byteArray[3]) }
    var rtpTimestamp: UInt32 { byteArray[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    var rtpPayload: [UInt8] { Array(byteArray.dropFirst(12)) }
}
