import ParallaxCore

/// The `pcm-format` values of `rawaudioparse`: GStreamer's `GstAudioFormat` numbers and nicks for the
/// fixed-size integer and float formats.
public enum RawAudioPCMFormat: Int, PropertyEnum {
    /// Signed 8-bit.
    case s8 = 2
    /// Unsigned 8-bit.
    case u8 = 3
    /// Signed 16-bit little-endian.
    case s16le = 4
    /// Signed 16-bit big-endian.
    case s16be = 5
    /// Unsigned 16-bit little-endian.
    case u16le = 6
    /// Unsigned 16-bit big-endian.
    case u16be = 7
    /// Signed 32-bit little-endian.
    case s32le = 12
    /// Signed 32-bit big-endian.
    case s32be = 13
    /// Unsigned 32-bit little-endian.
    case u32le = 14
    /// Unsigned 32-bit big-endian.
    case u32be = 15
    /// Signed 24-bit little-endian, packed in 3 bytes.
    case s24le = 16
    /// Signed 24-bit big-endian, packed in 3 bytes.
    case s24be = 17
    /// 32-bit float little-endian.
    case f32le = 28
    /// 32-bit float big-endian.
    case f32be = 29
    /// 64-bit float little-endian.
    case f64le = 30
    /// 64-bit float big-endian.
    case f64be = 31

    /// The caps name (`S16LE`).
    public var capsName: String { nick.uppercased() }

    /// The nick written in launch strings, as GStreamer spells it. Spelt out rather than `String(describing:)`:
    /// reflecting on the case at start-up (every process registers `rawaudioparse`) costs far more.
    public var nick: String {
        switch self {
        case .s8: "s8"
        case .u8: "u8"
        case .s16le: "s16le"
        case .s16be: "s16be"
        case .u16le: "u16le"
        case .u16be: "u16be"
        case .s32le: "s32le"
        case .s32be: "s32be"
        case .u32le: "u32le"
        case .u32be: "u32be"
        case .s24le: "s24le"
        case .s24be: "s24be"
        case .f32le: "f32le"
        case .f32be: "f32be"
        case .f64le: "f64le"
        case .f64be: "f64be"
        }
    }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String { "GST_AUDIO_FORMAT_" + capsName }

    /// Bytes in one sample.
    public var bytesPerSample: Int {
        switch self {
        case .s8, .u8: 1
        case .s16le, .s16be, .u16le, .u16be: 2
        case .s24le, .s24be: 3
        case .s32le, .s32be, .u32le, .u32be, .f32le, .f32be: 4
        case .f64le, .f64be: 8
        }
    }
}
