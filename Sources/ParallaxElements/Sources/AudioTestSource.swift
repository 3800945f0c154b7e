import ParallaxCore

/// `audiotestsrc`: generates test audio — GStreamer's audio test source: tones, noise, silence, ticks.
///
/// Produces interleaved raw audio in S16LE, S32LE, F32LE or F64LE. Without constraints from downstream it
/// picks S16LE, mono, at 44100 Hz (or twice `freq`, if higher), as GStreamer does. Each buffer holds
/// `samplesperbuffer` frames; `offset`/`offsetEnd` count samples, `pts = timestamp-offset + first sample ×
/// 1 s / rate` (rounded down) and the duration reaches the next buffer's timestamp. Buffers of silence (or at
/// volume 0) carry the `gap` flag; the first carries `discont`.
///
/// The sample arithmetic is GStreamer's, so tones are bit-identical: the phase advances before each sample
/// (the first sine sample is `sin(2π·freq/rate) × volume × 32767`, truncated toward zero).
///
/// ```
/// parallax-launch audiotestsrc wave=sine freq=1000 num-buffers=100 ! audio/x-raw,rate=48000 ! fakesink
/// ```
/// Thread: `produce` runs on the source's streaming thread.
public struct AudioTestSource: Source {
    /// Raw interleaved audio, chosen by negotiation among the formats of the template.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The signal (`wave`, GStreamer's `GstAudioTestSrcWave`, with GStreamer's values).
    public enum Wave: Int, PropertyEnum {
        /// A sine tone.
        case sine = 0
        /// A square wave.
        case square = 1
        /// A sawtooth wave.
        case saw = 2
        /// A triangle wave.
        case triangle = 3
        /// Zeros (buffers marked `gap`).
        case silence = 4
        /// Uniform white noise.
        case whiteNoise = 5
        /// Pink noise (Voss-McCartney).
        case pinkNoise = 6
        /// A sine tone from a 1024-entry table.
        case sineTable = 7
        /// Short sine bursts every `tick-interval`.
        case ticks = 8
        /// Gaussian white noise.
        case gaussianNoise = 9
        /// Red (Brownian) noise.
        case redNoise = 10
        /// Blue noise (pink noise with every other sample inverted).
        case blueNoise = 11
        /// Violet noise (red noise with every other sample inverted).
        case violetNoise = 12

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .sine: "sine"
            case .square: "square"
            case .saw: "saw"
            case .triangle: "triangle"
            case .silence: "silence"
            case .whiteNoise: "white-noise"
            case .pinkNoise: "pink-noise"
            case .sineTable: "sine-table"
            case .ticks: "ticks"
            case .gaussianNoise: "gaussian-noise"
            case .redNoise: "red-noise"
            case .blueNoise: "blue-noise"
            case .violetNoise: "violet-noise"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .sine: "Sine"
            case .square: "Square"
            case .saw: "Saw"
            case .triangle: "Triangle"
            case .silence: "Silence"
            case .whiteNoise: "White uniform noise"
            case .pinkNoise: "Pink noise"
            case .sineTable: "Sine table"
            case .ticks: "Periodic Ticks"
            case .gaussianNoise: "White Gaussian noise"
            case .redNoise: "Red (brownian) noise"
            case .blueNoise: "Blue noise"
            case .violetNoise: "Violet noise"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "audiotestsrc", longName: "Audio test source", klass: "Source/Audio",
        description: "Generates test audio: tones, noise, silence and ticks",
        properties: [
            .int("samplesperbuffer", \.samplesPerBuffer, range: 1...Int64(Int32.max),
                 "Number of samples in each outgoing buffer"),
            .enumeration("wave", \.wave, typeName: "GstAudioTestSrcWave", "Oscillator waveform"),
            .double("freq", \.frequency, range: 0...(Double(Int32.max) / 2),
                    "Frequency of test signal. The sample rate needs to be at least 2 times higher."),
            .double("volume", \.volume, range: 0...1, "Volume of test signal"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .bool("is-live", \.isLiveSource, "Whether to act as a live source"),
            .int("timestamp-offset", \.timestampOffset, range: Int64.min...Int64.max,
                 "An offset added to timestamps set on buffers (in ns)"),
            .uint("sine-periods-per-tick", \.sinePeriodsPerTick, range: 1...UInt64(UInt32.max),
                  "Number of sine wave periods in one tick. Only used if wave = ticks."),
            .uint("tick-interval", \.tickInterval, range: 1...UInt64.max,
                  "Distance between start of current and start of next tick, in nanoseconds."),
            .uint("marker-tick-period", \.markerTickPeriod, range: 0...UInt64(UInt32.max),
                  "Make every Nth tick a marker tick (= a tick with different volume). Only used if wave = ticks. "
                      + "0 = no marker ticks."),
            .double("marker-tick-volume", \.markerTickVolume, range: 0...1,
                    "Volume of marker ticks. Only used if wave = ticks and marker-tick-period is set to a nonzero "
                        + "value."),
            .bool("apply-tick-ramp", \.applyTickRamp, "Apply ramp to tick samples"),
        ])

    /// The sample formats generated, in order of preference.
    static let formats: [AudioSampleFormat] = [.s16le, .s32le, .f32le, .f64le]

    /// The pad templates, with the caps this element handles.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("audio/x-raw", [
            ("format", .list(formats.map { .string($0.name) })),
            ("layout", .string("interleaved")),
            ("rate", .intRange(1...Int(Int32.max), step: 1)),
            ("channels", .intRange(1...Int(Int32.max), step: 1)),
        ])
        return [PadTemplate(name: "src", direction: .src, caps: caps)]
    }

    /// Frames per buffer.
    public var samplesPerBuffer = 1024
    /// The signal.
    public var wave = Wave.sine
    /// Frequency in hertz.
    public var frequency = 440.0
    /// Amplitude, 0…1.
    public var volume = 0.8
    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1
    /// Whether the source is live (the pipeline paces it by timestamps).
    public var isLiveSource = false
    /// Nanoseconds added to every timestamp (a negative result is clamped to 0).
    public var timestampOffset = 0
    /// Sine periods in one tick (`wave=ticks`).
    public var sinePeriodsPerTick: UInt64 = 10
    /// Nanoseconds from the start of one tick to the next (`wave=ticks`).
    public var tickInterval: UInt64 = 1_000_000_000
    /// Every Nth tick uses `marker-tick-volume`; 0 for none.
    public var markerTickPeriod: UInt64 = 0
    /// The volume of marker ticks.
    public var markerTickVolume = 1.0
    /// Whether ticks fade in and out.
    public var applyTickRamp = false

    private var info: AudioInfo?
    private var generator = AudioTestWaveGenerator()
    private var nextSample: Int64 = 0
    private var produced = 0

    /// A source with GStreamer's defaults (a 440 Hz sine at volume 0.8).
    public init() {}

    /// Whether the pipeline paces this source by its timestamps (`is-live`).
    public var isLive: Bool { isLiveSource }

    /// Prefers S16LE, interleaved, mono, at max(44100, 2 × freq) Hz, as GStreamer's audiotestsrc does.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        var caps = caps
        caps.fixateField("rate", nearestInt: Int(Swift.max(44100, frequency * 2)))
        caps.fixateField("format", toString: "S16LE")
        caps.fixateField("layout", toString: "interleaved")
        caps.fixateField("channels", nearestInt: 1)
        return caps.fixated()
    }

    /// Takes the negotiated caps before the first buffer.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = AudioInfo(caps: output), Self.formats.contains(info.format) else {
            throw ElementError("audiotestsrc cannot produce this format.",
                               debug: "caps: \(output.map(\.description) ?? "none")")
        }
        self.info = info
        generator.reset(settings(info))
    }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        nextSample = 0
        produced = 0
        if let info { generator.reset(settings(info)) }
    }

    /// `samplesperbuffer` frames of the negotiated format.
    public func outputSize(for caps: Caps) -> Int? {
        AudioInfo(caps: caps).map { samplesPerBuffer * $0.bytesPerFrame }
    }

    /// Fills the pre-allocated output with the next buffer; `.eos` when the stream ends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard let info else { throw ElementError("Internal data stream error.", debug: "not negotiated") }
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let frames = Swift.min(samplesPerBuffer, ctx.outputCapacity / info.bytesPerFrame)
        guard frames > 0 else {
            throw ElementError("Internal data stream error.", debug: "output buffer smaller than one frame")
        }
        let first = nextSample
        let next = first + Int64(frames)
        let settings = settings(info)
        ctx.withUnsafeOutput { output in
            guard let base = output.baseAddress else { return }
            func fill<T: AudioTestSample>(_: T.Type) {
                self.generator.generate(into: base.assumingMemoryBound(to: T.self), frames: frames, settings: settings,
                                        nextSample: next)
            }
            switch info.format {
            case .s16le: fill(Int16.self)
            case .s32le: fill(Int32.self)
            case .f32le: fill(Float.self)
            case .f64le: fill(Double.self)
            case .u8, .s8, .s16be, .s24le, .s24be, .s32be, .f32be, .f64be: break  // not in the template; setCaps refuses them
            }
        }
        let rate = UInt64(info.rate)
        let time = ClockTime.scale(UInt64(first), 1_000_000_000, rate)
        let nextTime = ClockTime.scale(UInt64(next), 1_000_000_000, rate)
        ctx.outputLength = frames * info.bytesPerFrame
        let pts = Int64(clamping: time.nanoseconds) &+ Int64(timestampOffset)
        ctx.metadata.pts = ClockTime(nanoseconds: UInt64(Swift.max(pts, 0)))
        ctx.metadata.duration = nextTime - time
        ctx.metadata.offset = UInt64(first)
        ctx.metadata.offsetEnd = UInt64(next)
        if wave == .silence || volume == 0 { ctx.metadata.flags.insert(.gap) }
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        nextSample = next
        produced += 1
        return .ok
    }

    private func settings(_ info: AudioInfo) -> AudioTestWaveGenerator.Settings {
        AudioTestWaveGenerator.Settings(
            wave: wave, frequency: frequency, volume: volume, rate: info.rate, channels: info.channels,
            tickInterval: tickInterval, sinePeriodsPerTick: sinePeriodsPerTick, markerTickPeriod: markerTickPeriod,
            markerTickVolume: markerTickVolume, applyTickRamp: applyTickRamp)
    }
}
