/// The AV1 codec configuration record (`av1C`) Matroska stores as a `V_AV1` track's CodecPrivate, built from
/// the sequence header OBU of the stream's first temporal unit.
///
/// ```
/// byte 0: marker 1, version 1 (0x81)
/// byte 1: seq_profile (3 bits), seq_level_idx[0] (5)
/// byte 2: seq_tier[0], high_bitdepth, twelve_bit, monochrome, chroma_subsampling_x, _y, chroma_sample_position (2)
/// byte 3: 0 (no initial presentation delay)
/// then the sequence header OBU itself (with its size field)
/// ```
/// ```swift
/// let av1C = MatroskaAV1Configuration(temporalUnit: firstFrame)?.bytes   // nil without a sequence header
/// ```
/// Thread: any; a plain value.
struct MatroskaAV1Configuration: Sendable, Hashable {
    /// The `av1C` bytes.
    let bytes: [UInt8]

    /// The record for the first sequence header OBU in `temporalUnit` (OBUs with size fields, as in IVF and
    /// Matroska), or nil when there is none or it cannot be read.
    init?(temporalUnit: ArraySlice<UInt8>) {
        var index = temporalUnit.startIndex
        while index < temporalUnit.endIndex {
            let header = temporalUnit[index]
            let hasExtension = header >> 2 & 1 == 1
            guard header & 0x02 != 0 else { return nil }  // no size field: cannot walk further
            var next = index + 1 + (hasExtension ? 1 : 0)
            var size = 0
            var shift = 0
            var sizeComplete = false
            while next < temporalUnit.endIndex, shift < 56 {
                let byte = temporalUnit[next]
                size |= Int(byte & 0x7F) << shift
                next += 1
                shift += 7
                if byte & 0x80 == 0 {
                    sizeComplete = true
                    break
                }
            }
            guard sizeComplete, size <= temporalUnit.endIndex - next else { return nil }
            if header >> 3 & 0x0F == 1 {
                guard let fields = Self.fields(of: temporalUnit[next..<(next + size)]) else { return nil }
                // The OBU as stored: its header without the extension, then its size and payload.
                bytes = [0x81] + fields + [0, header & ~0x04] + Self.leb128(size) + temporalUnit[next..<(next + size)]
                return
            }
            index = next + size
        }
        return nil
    }

    /// `value` as LEB128.
    private static func leb128(_ value: Int) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(value & 0x7F)
            value >>= 7
            if value > 0 { byte |= 0x80 }
            out.append(byte)
        } while value > 0
        return out
    }

    /// Bytes 1 and 2 of the record from a sequence header's payload (AV1 specification 5.5).
    private static func fields(of payload: ArraySlice<UInt8>) -> [UInt8]? {
        guard let header = AV1SequenceHeader(payload: payload) else { return nil }
        let flags = [header.highBitdepth, header.twelveBit, header.monochrome].map { $0 ? 1 : 0 }
        let byte1 = UInt8(header.profile << 5 | header.level)
        let byte2 = UInt8(
            header.tier << 7 | flags[0] << 6 | flags[1] << 5 | flags[2] << 4 | header.subsamplingX << 3
                | header.subsamplingY << 2 | header.chromaSamplePosition)
        return [byte1, byte2]
    }
}
