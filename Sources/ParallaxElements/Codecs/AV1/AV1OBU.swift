/// One AV1 Open Bitstream Unit as the AV1 elements (RTP, av1parse) see it: its header byte(s) and where its payload
/// lies, parsed from a low-overhead (`obu-stream`) temporal unit, plus the LEB128 helpers both elements use.
///
/// ```
/// OBU header:  |0|type (4)|X|S|0|   [extension byte if X]   [LEB128 size if S]   payload
/// ```
/// Thread: any (pure values).
struct AV1OBU: Equatable {
    /// The OBU types the RTP elements treat specially (AV1 specification §6.2.2).
    enum Kind: UInt8 {
        case sequenceHeader = 1
        case temporalDelimiter = 2
        case frameHeader = 3
        case tileGroup = 4
        case metadata = 5
        case frame = 6
        case redundantFrameHeader = 7
        case tileList = 8
        case padding = 15
    }

    /// The first header byte, as it was.
    var header: UInt8
    /// The extension byte, when the header's X bit is set.
    var extensionByte: UInt8?
    /// The payload's range in the buffer it was parsed from.
    var payload: Range<Int>

    /// A temporal delimiter OBU with its (zero) size field.
    static let temporalDelimiter: [UInt8] = [0x12, 0x00]

    /// The 4-bit `obu_type`.
    var type: UInt8 { header >> 3 & 0x0F }

    /// Why a temporal unit could not be split into OBUs.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case forbiddenBit(at: Int)
        case noSizeField(at: Int)
        case truncated(at: Int)
        case badSize(at: Int)

        var description: String {
            switch self {
            case .forbiddenBit(let at): "the OBU at byte \(at) has its forbidden bit set"
            case .noSizeField(let at): "the OBU at byte \(at) has no size field (obu_has_size_field=0)"
            case .truncated(let at): "the OBU at byte \(at) runs past the end of the buffer"
            case .badSize(let at): "the OBU at byte \(at) has an invalid LEB128 size"
            }
        }
    }

    /// Splits a temporal unit of OBUs that all carry size fields.
    static func split(_ bytes: UnsafeRawBufferPointer) throws(Problem) -> [AV1OBU] {
        var obus: [AV1OBU] = []
        var cursor = 0
        while cursor < bytes.count {
            let start = cursor
            let header = bytes[cursor]
            guard header & 0x80 == 0 else { throw .forbiddenBit(at: start) }
            guard header & 0x02 != 0 else { throw .noSizeField(at: start) }
            cursor += 1
            var extensionByte: UInt8?
            if header & 0x04 != 0 {
                guard cursor < bytes.count else { throw .truncated(at: start) }
                extensionByte = bytes[cursor]
                cursor += 1
            }
            guard let (size, length) = readLEB128(bytes, at: cursor) else { throw .badSize(at: start) }
            cursor += length
            guard size <= bytes.count - cursor else { throw .truncated(at: start) }
            obus.append(AV1OBU(header: header, extensionByte: extensionByte, payload: cursor..<cursor + size))
            cursor += size
        }
        return obus
    }

    /// Reads a LEB128 value (at most 8 bytes, at most 2³² − 1 as the AV1 specification allows) at `offset`:
    /// the value and how many bytes it took, or nil when it is malformed or runs past the end.
    static func readLEB128(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (Int, Int)? {
        var value: UInt64 = 0
        for index in 0..<8 {
            guard offset + index < bytes.count else { return nil }
            let byte = bytes[offset + index]
            value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if byte & 0x80 == 0 {
                return value <= UInt64(UInt32.max) ? (Int(value), index + 1) : nil
            }
        }
        return nil
    }

    /// `value` in LEB128, shortest form.
    static func leb128(_ value: Int) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value > 0
        return bytes
    }

    /// How many bytes `leb128(value)` takes.
    static func leb128Size(_ value: Int) -> Int {
        var size = 1
        var rest = value >> 7
        while rest > 0 {
            size += 1
            rest >>= 7
        }
        return size
    }
}
