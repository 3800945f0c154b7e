/// Fixed raw audio caps decoded into numbers: sample format, rate, channels.
///
/// Example: `AudioInfo(caps:)` on `audio/x-raw,format=S16LE,rate=44100,channels=2,layout=interleaved`
/// gives `bytesPerFrame == 4`.
public struct AudioInfo: Sendable, Hashable {
    /// The sample format.
    public var format: AudioSampleFormat
    /// Samples per second per channel.
    public var rate: Int
    /// Interleaved channels.
    public var channels: Int

    /// Decodes fixed `audio/x-raw` caps; nil when a field is missing or unknown.
    public init?(caps: Caps) {
        guard caps.isFixed, let s = caps.structures.first, s.name == "audio/x-raw",
            case .string(let name)? = s["format"], let format = AudioSampleFormat(rawValue: name),
            case .int(let rate)? = s["rate"], case .int(let channels)? = s["channels"], rate > 0, channels > 0
        else { return nil }
        self.init(format: format, rate: rate, channels: channels)
    }

    /// Describes `channels` interleaved channels of `format` at `rate`.
    public init(format: AudioSampleFormat, rate: Int, channels: Int) {
        self.format = format
        self.rate = rate
        self.channels = channels
    }

    /// Bytes per frame (one sample of every channel).
    public var bytesPerFrame: Int { format.bytesPerSample * channels }

    /// The fixed caps for this description.
    public var caps: Caps {
        Caps("audio/x-raw", [
            ("format", .string(format.name)), ("layout", .string("interleaved")), ("rate", .int(rate)),
            ("channels", .int(channels)),
        ])
    }
}
