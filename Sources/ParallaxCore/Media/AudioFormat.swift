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
    /// Unsigned 8-bit.
    case u8 = "U8"

    /// The caps name (`S16LE`).
    public var name: String { rawValue }
    /// Bytes per sample of one channel.
    public var bytesPerSample: Int {
        switch self {
        case .u8: 1
        case .s16le, .s16be: 2
        case .s32le, .f32le: 4
        case .f64le: 8
        }
    }
}

/// Uncompressed interleaved audio in sample format `Format` (`audio/x-raw, format=…, layout=interleaved`).
public enum RawAudio<Format: AudioFormat>: MediaType {
    public static var caps: Caps {
        let format: CapsValue = Format.format.map { .string($0.name) }
            ?? .list(AudioSampleFormat.allCases.map { .string($0.name) })
        return Caps("audio/x-raw", [("format", format), ("layout", .string("interleaved"))])
    }
}
