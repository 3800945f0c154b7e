import Glibc
import ParallaxCore

/// The sums `level` keeps for the interval being measured: per channel the sum of squares, the peak square
/// and the decaying peak, all of samples normalised to ±1.
///
/// A pure value: `add` takes frames, `levels()` gives the decibels, `reset()` starts the next interval
/// (keeping the decaying peak). Thread: owned by one `Level`.
struct LevelMeter: Sendable {
    /// One channel's decibels for a message.
    struct Levels: Equatable {
        /// Root mean square, dB.
        var rms: Double
        /// Highest sample, dB.
        var peak: Double
        /// Decaying peak, dB.
        var decay: Double
    }

    /// Frames measured in this interval.
    private(set) var frames = 0
    /// The stream time of the interval's first frame.
    var timestamp: ClockTime?
    private var sumSquares: [Double]
    private var peaks: [Double]
    private var decayPeaks: [Double]
    private var decayBases: [Double]
    private var decayAges: [UInt64]

    /// A meter for `channels` channels with nothing measured.
    init(channels: Int) {
        sumSquares = Array(repeating: 0, count: channels)
        peaks = sumSquares
        decayPeaks = sumSquares
        decayBases = sumSquares
        decayAges = Array(repeating: 0, count: channels)
    }

    /// Adds `frames` interleaved frames at `samples`. Gap buffers count as silence. The decaying peak
    /// follows GStreamer: it takes a new peak at once, holds for `peakTTL` ns, then falls `peakFalloff` dB
    /// per second from the value it took.
    mutating func add(
        _ samples: UnsafeRawPointer, frames count: Int, info: AudioInfo, gap: Bool, rate: Int, peakTTL: UInt64,
        peakFalloff: Double
    ) {
        let channels = info.channels
        for channel in 0..<channels {
            var sum = 0.0, peak = 0.0
            if !gap {
                (sum, peak) = Self.squares(
                    samples, format: info.format, channel: channel, channels: channels, frames: count)
            }
            sumSquares[channel] += sum
            peaks[channel] = Swift.max(peaks[channel], peak)
            if peaks[channel] >= decayPeaks[channel] {
                decayPeaks[channel] = peaks[channel]
                decayBases[channel] = peaks[channel]
                decayAges[channel] = 0
            } else if decayAges[channel] > peakTTL {
                let seconds = Double(decayAges[channel] - peakTTL) / 1e9
                decayPeaks[channel] = decayBases[channel] * pow(10, peakFalloff * seconds / -20)
            }
            decayAges[channel] &+= ClockTime.scale(UInt64(count), 1_000_000_000, UInt64(rate)).nanoseconds
        }
        frames += count
    }

    /// The sum of squares and the highest square of one channel, normalised to ±1.
    static func squares(
        _ samples: UnsafeRawPointer, format: AudioSampleFormat, channel: Int, channels: Int, frames: Int
    ) -> (sum: Double, peak: Double) {
        var sum = 0.0, peak = 0.0
        func take(_ square: Double) {
            sum += square
            if square > peak { peak = square }
        }
        switch format {
        case .s16le:
            for frame in 0..<frames {
                let x = Double((samples + 2 * (frame * channels + channel)).loadUnaligned(as: Int16.self))
                take(x * x)
            }
            return (sum / 1_073_741_824, peak / 1_073_741_824)
        case .s32le:
            for frame in 0..<frames {
                let x = Double((samples + 4 * (frame * channels + channel)).loadUnaligned(as: Int32.self))
                take(x * x)
            }
            return (sum / 4_611_686_018_427_387_904, peak / 4_611_686_018_427_387_904)
        case .f32le:
            for frame in 0..<frames {
                let x = Double((samples + 4 * (frame * channels + channel)).loadUnaligned(as: Float.self))
                take(x * x)
            }
        case .f64le:
            for frame in 0..<frames {
                let x = (samples + 8 * (frame * channels + channel)).loadUnaligned(as: Double.self)
                take(x * x)
            }
        case .s16be:
            for frame in 0..<frames {
                let x = Double(Int16(bigEndian: (samples + 2 * (frame * channels + channel)).loadUnaligned(as: Int16.self)))
                take(x * x)
            }
            return (sum / 1_073_741_824, peak / 1_073_741_824)
        case .u8:
            for frame in 0..<frames {
                let x = Double(Int(samples.load(fromByteOffset: frame * channels + channel, as: UInt8.self)) - 128)
                take(x * x)
            }
            return (sum / 16384, peak / 16384)
        case .s8:
            for frame in 0..<frames {
                let x = Double(samples.load(fromByteOffset: frame * channels + channel, as: Int8.self))
                take(x * x)
            }
            return (sum / 16384, peak / 16384)
        case .s24le, .s24be:
            for frame in 0..<frames {
                let x = Double(AudioSampleCodec.load24(samples + 3 * (frame * channels + channel), bigEndian: format == .s24be))
                take(x * x)
            }
            return (sum / 70_368_744_177_664, peak / 70_368_744_177_664)
        case .s32be:
            for frame in 0..<frames {
                let x = Double(Int32(bigEndian: (samples + 4 * (frame * channels + channel)).loadUnaligned(as: Int32.self)))
                take(x * x)
            }
            return (sum / 4_611_686_018_427_387_904, peak / 4_611_686_018_427_387_904)
        case .f32be:
            for frame in 0..<frames {
                let bits = UInt32(bigEndian: (samples + 4 * (frame * channels + channel)).loadUnaligned(as: UInt32.self))
                let x = Double(Float(bitPattern: bits))
                take(x * x)
            }
        case .f64be:
            for frame in 0..<frames {
                let bits = UInt64(bigEndian: (samples + 8 * (frame * channels + channel)).loadUnaligned(as: UInt64.self))
                let x = Double(bitPattern: bits)
                take(x * x)
            }
        }
        return (sum, peak)
    }

    /// The decibels of the interval measured so far, one entry per channel.
    func levels() -> [Levels] {
        let epsilon = 1e-35
        return sumSquares.indices.map { channel in
            let rms = frames > 0 ? (sumSquares[channel] / Double(frames)).squareRoot() : .nan
            return Levels(
                rms: 20 * log10(rms + epsilon), peak: 10 * log10(peaks[channel] + epsilon),
                decay: 10 * log10(decayPeaks[channel] + epsilon))
        }
    }

    /// Starts the next interval: sums and peaks to zero; the decaying peak carries on.
    mutating func reset() {
        frames = 0
        timestamp = nil
        for channel in sumSquares.indices {
            if decayPeaks[channel] < peaks[channel] { decayPeaks[channel] = peaks[channel] }
            sumSquares[channel] = 0
            peaks[channel] = 0
        }
    }
}
