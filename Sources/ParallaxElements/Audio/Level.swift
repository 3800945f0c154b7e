import Glibc
import ParallaxCore

/// `level`: measures raw audio and posts its RMS, peak and decaying peak per channel, in dB, every
/// `interval` of stream time — GStreamer's level, with its message fields and arithmetic.
///
/// Samples are normalised to ±1 (integers by 2¹⁵ or 2³¹). For each interval of `interval` nanoseconds
/// (rounded to whole frames) and each channel:
/// ```
/// rms   = 20 · log10(√(Σ x² / frames) + 1e-35)
/// peak  = 10 · log10(max x² + 1e-35)
/// decay = 10 · log10(decaying peak + 1e-35)   the highest peak, held `peak-ttl` ns, then falling by
///                                             `peak-falloff` dB per second
/// ```
/// The message, as `parallax-launch -m` prints it:
/// ```
/// level, endtime=(int)100000000, timestamp=(int)0, stream-time=(int)0, running-time=(int)0,
///     duration=(int)100000000, rms=(double){ -3.01, -3.01 }, peak=(double){ 0, 0 }, decay=(double){ 0, 0 }
/// ```
/// `timestamp` is the stream position of the interval's first frame (buffer time plus the frames before it),
/// `stream-time` and `running-time` that position through the current segment, `duration` the interval's
/// length and `endtime` their sum. A full-scale sine gives rms −3.01 dB and peak 0 dB.
///
/// ```
/// parallax-launch -m audiotestsrc num-buffers=10 ! level interval=50000000 ! fakesink
/// ```
/// Buffers pass unchanged. GStreamer also posts the unfinished interval at end of stream; Parallax does not
/// (passthrough elements see no end-of-stream call). `audio-level-meta` is not provided.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct Level: Transform {
    /// Interleaved S16LE, S32LE, F32LE or F64LE audio, any rate and channel count.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// The same audio, unchanged.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "level", longName: "Level", klass: "Filter/Analyzer/Audio",
        description: "RMS/Peak/Decaying Peak Level messager for audio/raw",
        properties: [
            .uint(
                "interval", \.interval, range: 1...UInt64.max,
                "Interval of time between message posts (in nanoseconds)"),
            .double(
                "peak-falloff", \.peakFalloff, range: 0...Double.greatestFiniteMagnitude,
                "Decay rate of decay peak after TTL (in dB/sec)"),
            .uint(
                "peak-ttl", \.peakTTL, range: 0...UInt64.max,
                "Time To Live of decay peak before it falls back (in nanoseconds)"),
            .bool(
                "post-messages", \.postMessages,
                "Whether to post a 'level' element message on the bus for each passed interval"),
        ])

    /// The pad templates: interleaved S16LE, S32LE, F32LE or F64LE at any rate and channel count.
    public static var padTemplates: [PadTemplate] { AudioSampleCodec.padTemplates }

    /// Nanoseconds of stream time per message; 100 ms by default.
    public var interval: UInt64 = 100_000_000
    /// How fast the decaying peak falls once its time to live has passed, in dB per second; 10 by default.
    public var peakFalloff = 10.0
    /// How long the decaying peak holds before it falls, in nanoseconds; 300 ms by default.
    public var peakTTL: UInt64 = 300_000_000
    /// Whether messages are posted.
    public var postMessages = true

    private var info: AudioInfo?
    private var segment = Segment()
    private var meter = LevelMeter(channels: 0)

    /// A level meter with GStreamer's defaults.
    public init() {}

    /// Buffers go on unchanged.
    public var isPassthrough: Bool { true }

    /// The same format on both sides.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        caps.isAny ? caps : caps.intersection(AudioSampleCodec.templateCaps())
    }

    /// Takes the negotiated format and starts a fresh measurement.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = AudioInfo(caps: input), AudioSampleCodec.formats.contains(info.format) else {
            throw ElementError(
                "level cannot measure \(input?.description ?? "no caps"): it takes interleaved raw audio in "
                    + AudioSampleCodec.formats.map(\.name).joined(separator: ", ") + ".")
        }
        self.info = info
        meter = LevelMeter(channels: info.channels)
    }

    /// Restarts the measurement (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        meter = LevelMeter(channels: info?.channels ?? 0)
        segment = Segment()
    }

    /// Keeps the segment, for the messages' stream and running times.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment(let segment) = event { self.segment = segment }
        return .forward
    }

    /// Measures one buffer, posting a message for every interval it completes.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info else { throw ElementError("level was not negotiated.") }
        guard ctx.inputLength % info.bytesPerFrame == 0 else {
            throw ElementError(
                "level: a buffer of \(ctx.inputLength) bytes is not a whole number of \(info.bytesPerFrame)-byte frames."
            )
        }
        let frames = ctx.inputLength / info.bytesPerFrame
        let intervalFrames = Swift.max(1, Int(ClockTime.scale(interval, UInt64(info.rate), 1_000_000_000).nanoseconds))
        let start = ctx.metadata.pts
        let gap = ctx.metadata.flags.contains(.gap)
        var done = 0
        while done < frames {
            if meter.frames == 0 {
                meter.timestamp = start.map { $0 + ClockTime.scale(UInt64(done), 1_000_000_000, UInt64(info.rate)) }
            }
            let block = Swift.min(intervalFrames - meter.frames, frames - done)
            let offset = done * info.bytesPerFrame
            ctx.withUnsafeInput { bytes in
                guard let base = bytes.baseAddress else { return }
                meter.add(
                    base + offset, frames: block, info: info, gap: gap, rate: info.rate,
                    peakTTL: peakTTL, peakFalloff: peakFalloff)
            }
            done += block
            if meter.frames >= intervalFrames {
                if postMessages { ctx.post(message(rate: info.rate)) }
                meter.reset()
            }
        }
        return .ok
    }

    /// The `level` message for the interval measured so far.
    func message(rate: Int) -> CapsStructure {
        let duration = ClockTime.scale(UInt64(meter.frames), 1_000_000_000, UInt64(rate))
        let timestamp = meter.timestamp
        func field(_ time: ClockTime?) -> CapsValue { .int(time.map { Int(clamping: $0.nanoseconds) } ?? -1) }
        let streamTime = timestamp.flatMap { $0 >= segment.start ? $0 - segment.start + segment.time : nil }
        let runningTime = timestamp.flatMap { segment.runningTime(of: $0) }
        let levels = meter.levels()
        return CapsStructure(
            "level",
            [
                ("endtime", field(timestamp.map { $0 + duration })), ("timestamp", field(timestamp)),
                ("stream-time", field(streamTime)), ("running-time", field(runningTime)),
                ("duration", field(duration)),
                ("rms", .list(levels.map { .double($0.rms) })), ("peak", .list(levels.map { .double($0.peak) })),
                ("decay", .list(levels.map { .double($0.decay) })),
            ])
    }
}
