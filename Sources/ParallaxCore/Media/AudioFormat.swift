/// A raw audio sample format: compile-time tags (`S16LE`, `F32LE`) and the run-time `AudioSampleFormat`.
public protocol AudioFormat: Sendable {
    /// The run-time format, or nil for "any raw audio format".
    static var format: AudioSampleFormat? { get }
}

/// Signed 16-bit little-endian samples.
public enum S16LE: AudioFormat { public static var format: AudioSampleFormat? { .s16le } }
/// 32-bit float little-endian samples.
public enum F32LE: AudioFormat { public static var format: AudioSampleFormat? { .f32le } }
/// Any raw audio format, chosen by negotiation.
public enum AnyAudioFormat: AudioFormat { public static var format: AudioSampleFormat? { nil } }

/// The run-time description of an audio sample format, named as GStreamer names it.
public enum AudioSampleFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Signed 16-bit little-endian.
    case s16le = "S16LE"
    /// Signed 16-bit big-endian (RTP's L16, AIFF).
    case s16be = "S16BE"
    /// Signed 32-bit little-endian.
    case s32le = "S32LE"
    /// 32-bit float little-endian.
    case f32le = "F32LE"
    /// 64-bit float little-endian.
    case f64le = "F64LE"
    /// Unsigned 8-bit (silence is 128).
    case u8 = "U8"
    /// Signed 8-bit.
    case s8 = "S8"
    /// Signed 24-bit little-endian, packed in three bytes (24-bit WAV).
    case s24le = "S24LE"
    /// Signed 24-bit big-endian, packed in three bytes.
    case s24be = "S24BE"
    /// Signed 32-bit big-endian.
    case s32be = "S32BE"
    /// 32-bit float big-endian.
    case f32be = "F32BE"
    /// 64-bit float big-endian.
    case f64be = "F64BE"

    /// The caps name (`S16LE`).
    public var name: String { rawValue }
    /// Bytes per sample of one channel.
    public var bytesPerSample: Int {
        switch self {
        case .u8, .s8: 1
        case .s16le, .s16be: 2
        case .s24le, .s24be: 3
        case .s32le, .s32be, .f32le, .f32be: 4
        case .f64le, .f64be: 8
        }
    }

    /// Whether samples are IEEE floats.
    public var isFloat: Bool { self == .f32le || self == .f32be || self == .f64le || self == .f64be }

    /// The byte a buffer of silence is filled with: 128 for unsigned 8-bit, 0 for every other format.
    public var silenceByte: UInt8 { self == .u8 ? 0x80 : 0 }
}

/// Uncompressed interleaved audio in sample format `Format` (`audio/x-raw, format=…, layout=interleaved`).
public enum RawAudio<Format: AudioFormat>: MediaType {
    public static var caps: Caps {
        let format: CapsValue = Format.format.map { .string($0.name) }
            ?? .list(AudioSampleFormat.allCases.map { .string($0.name) })
        return Caps("audio/x-raw", [("format", format), ("layout", .string("interleaved"))])
    }
}
