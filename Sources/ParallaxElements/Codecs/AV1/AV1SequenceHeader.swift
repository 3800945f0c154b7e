import ParallaxCore

/// The fields of an AV1 sequence header OBU (AV1 specification §5.5) that caps, `av1C` records and key-frame
/// detection need, read from the OBU's payload.
///
/// ```swift
/// let header = AV1SequenceHeader(payload: bytes[payloadRange])   // nil when it runs short or is invalid
/// header?.caps   // profile=main, level=4.0, tier=main, bit-depth-luma=8, chroma-format=4:2:0, width, height
/// ```
/// Thread: any (a plain value).
struct AV1SequenceHeader: Sendable, Hashable {
    /// `seq_profile`: 0 main, 1 high, 2 professional.
    var profile: Int
    /// `seq_level_idx` of operating point 0 (31: no level constraints).
    var level: Int
    /// `seq_tier` of operating point 0.
    var tier: Int
    /// `reduced_still_picture_header`: every frame is a key frame and has no frame-type bits.
    var reducedStillPicture: Bool
    /// `max_frame_width_minus_1 + 1`.
    var width: Int
    /// `max_frame_height_minus_1 + 1`.
    var height: Int
    /// `high_bitdepth`.
    var highBitdepth: Bool
    /// `twelve_bit`.
    var twelveBit: Bool
    /// `mono_chrome`.
    var monochrome: Bool
    /// `subsampling_x`.
    var subsamplingX: Int
    /// `subsampling_y`.
    var subsamplingY: Int
    /// `chroma_sample_position`.
    var chromaSamplePosition: Int

    /// 8, 10 or 12.
    var bitDepth: Int { twelveBit ? 12 : highBitdepth ? 10 : 8 }

    /// GStreamer's `chroma-format` for the subsampling.
    var chromaFormat: String {
        if monochrome { return "4:0:0" }
        switch (subsamplingX, subsamplingY) {
        case (1, 1): return "4:2:0"
        case (1, 0): return "4:2:2"
        default: return "4:4:4"
        }
    }

    /// `seq_level_idx` as the level's name: 0 is "2.0", 4 is "3.0", 31 is "max".
    var levelName: String { level == 31 ? "max" : "\(2 + level >> 2).\(level & 3)" }

    /// The caps fields the header decides.
    var capsFields: [(String, CapsValue)] {
        [
            ("profile", .string(["main", "high", "professional"][profile])), ("level", .string(levelName)),
            ("tier", .string(tier == 1 ? "high" : "main")), ("chroma-format", .string(chromaFormat)),
            ("bit-depth-luma", .int(bitDepth)), ("bit-depth-chroma", .int(bitDepth)), ("width", .int(width)),
            ("height", .int(height)),
        ]
    }

    /// Reads the header from a sequence header OBU's payload; nil when it is shorter than its fields or names a
    /// profile above 2.
    init?(payload: ArraySlice<UInt8>) {
        var bits = AV1BitReader(payload)
        profile = bits.read(3)
        _ = bits.read(1)  // still_picture
        reducedStillPicture = bits.flag()
        level = 0
        tier = 0
        if reducedStillPicture {
            level = bits.read(5)
        } else {
            var bufferDelayLength = 0
            var decoderModelInfo = false
            if bits.flag() {  // timing_info_present_flag
                _ = bits.read(32)  // num_units_in_display_tick
                _ = bits.read(32)  // time_scale
                if bits.flag() { bits.skipUVLC() }  // equal_picture_interval, num_ticks_per_picture_minus_1
                decoderModelInfo = bits.flag()
                if decoderModelInfo {
                    bufferDelayLength = bits.read(5) + 1
                    _ = bits.read(32)  // num_units_in_decoding_tick
                    _ = bits.read(10)  // buffer_removal_time_length_minus_1, frame_presentation_time_length_minus_1
                }
            }
            let initialDisplayDelay = bits.flag()
            let operatingPoints = bits.read(5) + 1
            for point in 0..<operatingPoints {
                _ = bits.read(12)  // operating_point_idc
                let pointLevel = bits.read(5)
                let pointTier = pointLevel > 7 ? bits.read(1) : 0
                if point == 0 {
                    level = pointLevel
                    tier = pointTier
                }
                if decoderModelInfo, bits.flag() {
                    _ = bits.read(bufferDelayLength)  // decoder_buffer_delay
                    _ = bits.read(bufferDelayLength)  // encoder_buffer_delay
                    _ = bits.read(1)  // low_delay_mode_flag
                }
                if initialDisplayDelay, bits.flag() { _ = bits.read(4) }
            }
        }
        let widthBits = bits.read(4) + 1
        let heightBits = bits.read(4) + 1
        width = bits.read(widthBits) + 1
        height = bits.read(heightBits) + 1
        if !reducedStillPicture, bits.flag() { _ = bits.read(7) }  // frame id numbers: 4 + 3 bits of lengths
        _ = bits.read(3)  // use_128x128_superblock, enable_filter_intra, enable_intra_edge_filter
        if !reducedStillPicture {
            _ = bits.read(4)  // interintra, masked compound, warped motion, dual filter
            let orderHint = bits.flag()
            if orderHint { _ = bits.read(2) }  // enable_jnt_comp, enable_ref_frame_mvs
            let forceScreenContent = bits.flag() ? 2 : bits.read(1)
            if forceScreenContent > 0, !bits.flag() { _ = bits.read(1) }  // seq_choose_integer_mv, force
            if orderHint { _ = bits.read(3) }  // order_hint_bits_minus_1
        }
        _ = bits.read(3)  // enable_superres, enable_cdef, enable_restoration
        // color_config
        highBitdepth = bits.flag()
        twelveBit = profile == 2 && highBitdepth ? bits.flag() : false
        monochrome = profile == 1 ? false : bits.flag()
        var primaries = 2, transfer = 2, matrix = 2
        if bits.flag() {
            primaries = bits.read(8)
            transfer = bits.read(8)
            matrix = bits.read(8)
        }
        subsamplingX = 1
        subsamplingY = 1
        chromaSamplePosition = 0
        if monochrome {
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
                if twelveBit {
                    subsamplingX = bits.read(1)
                    subsamplingY = subsamplingX == 1 ? bits.read(1) : 0
                } else {
                    subsamplingY = 0
                }
            }
            if subsamplingX == 1, subsamplingY == 1 { chromaSamplePosition = bits.read(2) }
        }
        guard !bits.overrun, profile <= 2 else { return nil }
    }
}
