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
        var bits = BitReader(payload)
        let profile = bits.read(3)
        _ = bits.read(1)  // still_picture
        let reduced = bits.read(1) == 1
        var level = 0
        var tier = 0
        if reduced {
            level = bits.read(5)
        } else {
            var bufferDelayLength = 0
            let timingInfo = bits.read(1) == 1
            var decoderModelInfo = false
            if timingInfo {
                _ = bits.read(32)  // num_units_in_display_tick
                _ = bits.read(32)  // time_scale
                if bits.read(1) == 1 { bits.skipUVLC() }  // equal_picture_interval, num_ticks_per_picture_minus_1
                decoderModelInfo = bits.read(1) == 1
                if decoderModelInfo {
                    bufferDelayLength = bits.read(5) + 1
                    _ = bits.read(32)  // num_units_in_decoding_tick
                    _ = bits.read(10)  // buffer_removal_time_length_minus_1, frame_presentation_time_length_minus_1
                }
            }
            let initialDisplayDelay = bits.read(1) == 1
            let operatingPoints = bits.read(5) + 1
            for point in 0..<operatingPoints {
                _ = bits.read(12)  // operating_point_idc
                let pointLevel = bits.read(5)
                let pointTier = pointLevel > 7 ? bits.read(1) : 0
                if point == 0 {
                    level = pointLevel
                    tier = pointTier
                }
                if decoderModelInfo, bits.read(1) == 1 {
                    _ = bits.read(bufferDelayLength)  // decoder_buffer_delay
                    _ = bits.read(bufferDelayLength)  // encoder_buffer_delay
                    _ = bits.read(1)  // low_delay_mode_flag
                }
                if initialDisplayDelay, bits.read(1) == 1 { _ = bits.read(4) }
            }
        }
        let widthBits = bits.read(4) + 1
        let heightBits = bits.read(4) + 1
        _ = bits.read(widthBits)
        _ = bits.read(heightBits)
        if !reduced, bits.read(1) == 1 { _ = bits.read(7) }  // frame id numbers: 4 + 3 bits of lengths
        _ = bits.read(3)  // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
        if !reduced {
            _ = bits.read(4)  // interintra, masked compound, warped motion, dual filter
            let orderHint = bits.read(1) == 1
            if orderHint { _ = bits.read(2) }  // enable_jnt_comp, enable_ref_frame_mvs
            let forceScreenContent = bits.read(1) == 1 ? 2 : bits.read(1)
            if forceScreenContent > 0, bits.read(1) == 0 { _ = bits.read(1) }  // seq_choose_integer_mv, force
            if orderHint { _ = bits.read(3) }  // order_hint_bits_minus_1
        }
        _ = bits.read(3)  // enable_superres, enable_cdef, enable_restoration
        // color_config
        let highBitdepth = bits.read(1)
        let twelveBit = profile == 2 && highBitdepth == 1 ? bits.read(1) : 0
        let monochrome = profile == 1 ? 0 : bits.read(1)
        var primaries = 2, transfer = 2, matrix = 2
        if bits.read(1) == 1 {
            primaries = bits.read(8)
            transfer = bits.read(8)
            matrix = bits.read(8)
        }
        var subsamplingX = 1, subsamplingY = 1, samplePosition = 0
        if monochrome == 1 {
            _ = bits.read(1)  // color_range
        } else if primaries == 1, transfer == 13, matrix == 0 {
            subsamplingX = 0
            subsamplingY = 0
        } else {
            _ = bits.read(1)  // color_range
            switch profile {
            case 0: break
            case 1:
                subsamplingX = 0
                subsamplingY = 0
            default:
                if twelveBit == 1 {
                    subsamplingX = bits.read(1)
                    subsamplingY = subsamplingX == 1 ? bits.read(1) : 0
                } else {
                    subsamplingY = 0
                }
            }
            if subsamplingX == 1, subsamplingY == 1 { samplePosition = bits.read(2) }
        }
        guard !bits.overrun, profile <= 2 else { return nil }
        let byte1 = UInt8(profile << 5 | level)
        let byte2 = UInt8(
            tier << 7 | highBitdepth << 6 | twelveBit << 5 | monochrome << 4 | subsamplingX << 3 | subsamplingY << 2
                | samplePosition)
        return [byte1, byte2]
    }

    /// Reads bits most significant first; past the end it reads zeros and sets `overrun`.
    private struct BitReader {
        let bytes: ArraySlice<UInt8>
        var position = 0
        var overrun = false

        init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

        mutating func read(_ count: Int) -> Int {
            var value = 0
            for _ in 0..<count {
                let byte = position / 8
                guard byte < bytes.count else {
                    overrun = true
                    return value
                }
                let bit = Int(bytes[bytes.startIndex + byte] >> (7 - UInt8(position % 8)) & 1)
                value = value << 1 | bit
                position += 1
            }
            return value
        }

        /// Skips a uvlc() value.
        mutating func skipUVLC() {
            var zeros = 0
            while read(1) == 0, !overrun, zeros < 32 { zeros += 1 }
            _ = read(zeros)
        }
    }
}
