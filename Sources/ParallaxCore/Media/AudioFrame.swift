/// A buffer of interleaved raw audio read as typed samples: `Format.Sample` per channel per frame.
///
/// ```
/// bytes:  | L0 | R0 | L1 | R1 | L2 | R2 | …     (S16LE stereo: 2 bytes per sample, 4 per frame)
///           frame 0   frame 1   frame 2
/// ```
/// ```swift
/// if let frame = AudioFrame<S16LE>(buffer: buffer, info: info) {     // info: 48 kHz stereo S16LE
///     let n = frame.samplesPerChannel
///     let left = frame.samples(channel: 0)                          // [Int16], n values
///     let last = frame[n - 1, channel: 1]                           // one sample
/// }
/// ```
/// "Frame" here is the audio sense: one sample of every channel. Reading does not copy the buffer.
/// A value type; use it from any thread.
public struct AudioFrame<Format: SampleFormat>: Sendable {
    /// The samples' bytes.
    public let buffer: Buffer
    /// Sample format, rate and channel count.
    public let info: AudioInfo

    /// Views `buffer` as interleaved samples of `info`; nil when `info.format` is not `Format` or the buffer
    /// does not hold a whole number of frames.
    public init?(buffer: Buffer, info: AudioInfo) {
        guard info.format == Format.format, buffer.length % info.bytesPerFrame == 0 else { return nil }
        self.buffer = buffer
        self.info = info
    }

    /// A frame holding `samples`, interleaved (`L0, R0, L1, R1, …`); its length must be a multiple of
    /// `channels`, or the last partial frame is left out.
    public init(interleaved samples: [Format.Sample], rate: Int, channels: Int) {
        precondition(channels > 0, "an audio frame needs at least one channel")
        let info = AudioInfo(format: Format.format ?? .s16le, rate: rate, channels: channels)
        let count = samples.count / channels * channels
        let size = info.format.bytesPerSample
        var buffer = Buffer(capacity: count * size)
        buffer.withUnsafeMutableBytes { bytes in
            for index in 0..<count { Format.store(samples[index], to: bytes, at: index * size) }
        }
        self.buffer = buffer
        self.info = info
    }

    /// The number of channels.
    public var channels: Int { info.channels }

    /// Samples of each channel in the buffer (audio frames).
    public var samplesPerChannel: Int { buffer.length / info.bytesPerFrame }

    /// The sample of `channel` in audio frame `index`.
    public subscript(index: Int, channel channel: Int) -> Format.Sample {
        precondition(
            index >= 0 && index < samplesPerChannel && channel >= 0 && channel < channels,
            "sample \(index) of channel \(channel) is outside the frame")
        return buffer.withUnsafeBytes { bytes in
            Format.load(from: bytes, at: (index * channels + channel) * info.format.bytesPerSample)
        }
    }

    /// Every sample of `channel`, in time order.
    public func samples(channel: Int) -> [Format.Sample] {
        precondition(channel >= 0 && channel < channels, "channel \(channel) out of range 0..<\(channels)")
        let size = info.format.bytesPerSample
        return buffer.withUnsafeBytes { bytes in
            (0..<samplesPerChannel).map { Format.load(from: bytes, at: ($0 * channels + channel) * size) }
        }
    }

    /// Every sample, interleaved as stored.
    public var interleaved: [Format.Sample] {
        let size = info.format.bytesPerSample
        return buffer.withUnsafeBytes { bytes in
            (0..<(samplesPerChannel * channels)).map { Format.load(from: bytes, at: $0 * size) }
        }
    }
}
