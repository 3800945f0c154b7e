#if AV1
import CDav1d
import ParallaxCore

/// The size and sample format of the pictures an AV1 stream decodes to, read from its sequence header
/// (`dav1d_parse_sequence_header`), or from what the caps say.
///
/// ```
/// sequence header: max_frame_width_minus_1 + 1 = 320, high_bitdepth = 1, 4:2:0 → 320×240 I420_10LE
/// ```
/// Pure data; use from any thread.
struct AV1PictureFormat: Equatable {
    var width: Int
    var height: Int
    /// 8, 10 or 12.
    var bitDepth: Int
    /// Whether chroma is 4:2:0 (the only layout av1dec outputs).
    var is420: Bool

    /// The raw format of the pictures, nil for what av1dec cannot output (12-bit, 4:2:2, 4:4:4, monochrome).
    var rawFormat: VideoFormat? {
        guard is420 else { return nil }
        switch bitDepth {
        case 8: return .i420
        case 10: return .i420_10le
        default: return nil
        }
    }

    /// "8-bit 4:2:0", for error messages.
    var summary: String {
        "\(width)×\(height) \(bitDepth)-bit" + (is420 ? "" : " (not 4:2:0)")
    }

    /// The first sequence header among the OBUs at the start of `bytes` (with size fields, as in a temporal unit),
    /// nil when there is none or it cannot be read. `bytes` may stop anywhere after the sequence header: only that
    /// OBU goes to `dav1d_parse_sequence_header`, which rejects a buffer whose last OBU is cut short.
    init?(sequenceHeaderIn bytes: [UInt8]) {
        var index = 0
        var found: ArraySlice<UInt8>?
        while index < bytes.count, found == nil {
            let header = bytes[index]
            let type = header >> 3 & 0x0F
            var next = index + 1 + Int(header >> 2 & 1)
            guard header & 0x02 != 0 else {
                if type == 1 { found = bytes[index...] }
                break
            }
            var size = 0
            var shift = 0
            while next < bytes.count, shift < 56 {
                let byte = bytes[next]
                size |= Int(byte & 0x7F) << shift
                next += 1
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            guard size <= bytes.count - next else { return nil }
            if type == 1 { found = bytes[index..<(next + size)] }
            index = next + size
        }
        guard let found else { return nil }
        var header = Dav1dSequenceHeader()
        let result = found.withUnsafeBufferPointer { dav1d_parse_sequence_header(&header, $0.baseAddress, $0.count) }
        guard result == 0 else { return nil }
        width = Int(header.max_width)
        height = Int(header.max_height)
        bitDepth = header.hbd == 0 ? 8 : header.hbd == 1 ? 10 : 12
        is420 = header.layout == DAV1D_PIXEL_LAYOUT_I420
    }

    /// A format given field by field.
    init(width: Int, height: Int, bitDepth: Int, is420: Bool = true) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.is420 = is420
    }

    /// The bit depth `video/x-av1` caps name: `bit-depth-luma` (what av1parse writes), else `high_bitdepth` and
    /// `twelve_bit` of an `av1C` record in `codec_data` (byte 2, bits 6 and 5); nil when they say nothing.
    static func bitDepth(in structure: CapsStructure) -> Int? {
        if let depth = structure.int("bit-depth-luma") { return depth }
        guard case .string(let hex)? = structure["codec_data"] else { return nil }
        let digits = hex.compactMap(\.hexDigitValue)
        guard digits.count >= 6, digits[0] & 0x8 != 0 else { return nil }  // av1C marker bit
        let flags = digits[4] << 4 | digits[5]
        return flags & 0x40 == 0 ? 8 : flags & 0x20 == 0 ? 10 : 12
    }
}
#endif  // AV1
