import Glibc
import ParallaxCore

/// A sample type audiotestsrc generates natively, with GStreamer's full-scale value.
protocol AudioTestSample: Sendable {
    /// The amplitude of a full-scale signal (32767 for S16, 1 for floats).
    static var scale: Double { get }
    /// The sample for `value`, truncated toward zero as C's conversion does (clamped to the type's range).
    init(testValue value: Double)
    /// The sample as a double (for the blue/violet noise sign flips).
    var testValue: Double { get }
}

extension Int16: AudioTestSample {
    static var scale: Double { 32767 }
    init(testValue value: Double) { self = Int16(Swift.min(Swift.max(value, -32768), 32767)) }
    var testValue: Double { Double(self) }
}

extension Int32: AudioTestSample {
    static var scale: Double { 2_147_483_647 }
    init(testValue value: Double) { self = Int32(Swift.min(Swift.max(value, -2_147_483_648), 2_147_483_647)) }
    var testValue: Double { Double(self) }
}

extension Float: AudioTestSample {
    static var scale: Double { 1 }
    init(testValue value: Double) { self = Float(value) }
    var testValue: Double { Double(self) }
}

extension Double: AudioTestSample {
    static var scale: Double { 1 }
    init(testValue value: Double) { self = value }
    var testValue: Double { self }
}

/// The oscillators and noise generators of audiotestsrc, with GStreamer's arithmetic.
///
/// Periodic waves advance a phase accumulator by `2π × freq / rate` *before* each sample (so the first sine
/// sample is `sin(step)`, as in GStreamer), wrapping at 2π. Noise comes from a fast generator seeded from
/// the system (GStreamer's GRand sequences cannot be reproduced, only their distributions).
/// Thread: the source's streaming thread.
struct AudioTestWaveGenerator: Sendable {
    /// The settings that shape the signal.
    struct Settings: Sendable {
        var wave: AudioTestSource.Wave
        var frequency: Double
        var volume: Double
        var rate: Int
        var channels: Int
        var tickInterval: UInt64
        var sinePeriodsPerTick: UInt64
        var markerTickPeriod: UInt64
        var markerTickVolume: Double
        var applyTickRamp: Bool
    }

    private var accumulator = 0.0
    private var tickCounter: UInt64 = 0
    private var random = FastRandom()
    private var pinkIndex = 0
    private var pinkRows = [Int](repeating: 0, count: 12)
    private var pinkRunningSum = 0
    private var redState = 0.0
    private var flip = 1.0
    private var waveTable = [Double](repeating: 0, count: 1024)

    /// Resets phases and noise filters (a new stream).
    mutating func reset(_ settings: Settings) {
        accumulator = 0
        tickCounter = 0
        pinkIndex = 0
        pinkRows = [Int](repeating: 0, count: 12)
        pinkRunningSum = 0
        redState = 0
        let amplitude = settings.wave == .sineTable ? settings.volume : 1.0
        var angle = 0.0
        for i in 0..<1024 {
            waveTable[i] = sin(angle) * amplitude
            angle += (Double.pi + Double.pi) / 1024
        }
    }

    /// Writes `frames` interleaved frames of `settings.channels` samples. `nextSample` is the sample offset
    /// GStreamer's tick generator counts from: the offset *after* this buffer (GStreamer advances its
    /// counter before generating).
    mutating func generate<T: AudioTestSample>(
        into samples: UnsafeMutablePointer<T>, frames: Int, settings: Settings, nextSample: Int64
    ) {
        let channels = settings.channels
        let step = 2 * Double.pi * settings.frequency / Double(settings.rate)
        let twoPi = 2 * Double.pi
        var out = samples
        @inline(__always) func put(_ value: Double) {
            let sample = T(testValue: value)
            for c in 0..<channels { out[c] = sample }
            out += channels
        }
        @inline(__always) func advance() {
            accumulator += step
            if accumulator >= twoPi { accumulator -= twoPi }
        }
        switch settings.wave {
        case .sine:
            let amp = settings.volume * T.scale
            for _ in 0..<frames {
                advance()
                put(sin(accumulator) * amp)
            }
        case .square:
            let amp = settings.volume * T.scale
            for _ in 0..<frames {
                advance()
                put(accumulator < Double.pi ? amp : -amp)
            }
        case .saw:
            let amp = settings.volume * T.scale / Double.pi
            for _ in 0..<frames {
                advance()
                put(accumulator < Double.pi ? accumulator * amp : (twoPi - accumulator) * -amp)
            }
        case .triangle:
            let amp = settings.volume * T.scale / (Double.pi / 2)
            for _ in 0..<frames {
                advance()
                if accumulator < Double.pi / 2 {
                    put(accumulator * amp)
                } else if accumulator < Double.pi * 1.5 {
                    put((accumulator - Double.pi) * -amp)
                } else {
                    put((twoPi - accumulator) * -amp)
                }
            }
        case .silence:
            samples.update(repeating: T(testValue: 0), count: frames * channels)
        case .whiteNoise:
            let amp = settings.volume * T.scale
            for _ in 0..<frames * channels {
                out.pointee = T(testValue: amp * (random.unitDouble() * 2 - 1))
                out += 1
            }
        case .pinkNoise, .blueNoise:
            let amp = settings.volume * T.scale
            for _ in 0..<frames * channels {
                out.pointee = T(testValue: pinkValue() * amp)
                out += 1
            }
            if settings.wave == .blueNoise { flipSigns(samples, frames: frames, channels: channels) }
        case .sineTable:
            let scale = 1024.0 / twoPi
            for _ in 0..<frames {
                advance()
                put(T.scale * waveTable[Swift.min(Int(accumulator * scale), 1023)])
            }
        case .ticks:
            generateTicks(samples, frames: frames, settings: settings, nextSample: nextSample)
        case .gaussianNoise:
            let amp = settings.volume * T.scale
            for _ in 0..<frames {
                var c = 0
                while c < channels {
                    let magnitude = (-2 * log(1.0 - random.unitDouble())).squareRoot()
                    let phase = random.unitDouble() * twoPi
                    out[c] = T(testValue: amp * magnitude * cos(phase))
                    c += 1
                    if c >= channels { break }
                    out[c] = T(testValue: amp * magnitude * sin(phase))
                    c += 1
                }
                out += channels
            }
        case .redNoise, .violetNoise:
            let amp = settings.volume * T.scale
            for _ in 0..<frames * channels {
                while true {
                    let r = random.unitDouble() * 2 - 1
                    redState += r
                    if redState < -8 || redState > 8 { redState -= r } else { break }
                }
                out.pointee = T(testValue: amp * redState * 0.0625)
                out += 1
            }
            if settings.wave == .violetNoise { flipSigns(samples, frames: frames, channels: channels) }
        }
    }

    /// Inverts every other frame (spectral inversion: pink → blue, red → violet).
    private mutating func flipSigns<T: AudioTestSample>(
        _ samples: UnsafeMutablePointer<T>, frames: Int, channels: Int
    ) {
        for frame in 0..<frames {
            for c in 0..<channels {
                let i = frame * channels + c
                samples[i] = T(testValue: samples[i].testValue * flip)
            }
            flip = -flip
        }
    }

    /// One pink noise value in -1…1 (Voss-McCartney with 12 rows, as GStreamer computes it).
    private mutating func pinkValue() -> Double {
        pinkIndex = (pinkIndex + 1) & ((1 << 12) - 1)
        if pinkIndex != 0 {
            let zeros = pinkIndex.trailingZeroBitCount
            pinkRunningSum -= pinkRows[zeros]
            let value = Int(32768.0 - 65536.0 * Double(UInt32(truncatingIfNeeded: random.next())) / 4_294_967_296.0)
            pinkRunningSum += value
            pinkRows[zeros] = value
        }
        let white = Int(32768.0 - 65536.0 * Double(UInt32(truncatingIfNeeded: random.next())) / 4_294_967_296.0)
        let scalar = Float(1.0) / Float((12 + 1) * (1 << 15))
        return Double(scalar) * Double(pinkRunningSum + white)
    }

    private mutating func generateTicks<T: AudioTestSample>(
        _ samples: UnsafeMutablePointer<T>, frames: Int, settings: Settings, nextSample: Int64
    ) {
        let channels = settings.channels
        let rate = settings.rate
        let step = 2 * Double.pi * settings.frequency / Double(rate)
        let nonZero = Int(Double(rate) * Double(settings.sinePeriodsPerTick) / settings.frequency)
        let ramp = settings.applyTickRamp ? Int(Double(rate) / settings.frequency) : 0
        let rampEnd = nonZero - ramp
        let scale = 1024.0 / (2 * Double.pi)
        let samplesPerTick = ClockTime.scale(settings.tickInterval, UInt64(rate), 1_000_000_000).nanoseconds
        let between = Swift.max(Int64(clamping: samplesPerTick), 1)
        func volume() -> Double {
            let marker = settings.markerTickPeriod > 0 && tickCounter % settings.markerTickPeriod == 0
            return (marker ? settings.markerTickVolume : settings.volume) * T.scale
        }
        var scaled = volume()
        for i in 0..<frames {
            let position = Int((nextSample + Int64(i)) % between)
            var value = 0.0
            if position == 0 {
                accumulator = 0
                tickCounter += 1
                scaled = volume()
            } else if position < nonZero {
                var gain = 1.0
                if ramp > 0 {
                    gain = position < ramp ? Double(position) / Double(ramp)
                        : position >= rampEnd ? Double(nonZero - position) / Double(ramp) : 1.0
                    gain = Swift.min(gain, 1)
                    gain *= gain * gain
                }
                // GStreamer converts the volume to the sample type before multiplying (`(gint16) volscale * …`).
                value = T(testValue: scaled).testValue * gain * waveTable[Swift.min(Int(accumulator * scale), 1023)]
            }
            let sample = T(testValue: value)
            for c in 0..<channels { samples[i * channels + c] = sample }
            accumulator += step
            if accumulator >= 2 * Double.pi { accumulator -= 2 * Double.pi }
        }
    }
}
