import ParallaxCore

/// `audiomixer`: mixes N raw audio inputs into one stream, sample-accurately by timestamps — GStreamer's
/// audiomixer.
///
/// Sink pads are requested by links; each has pad properties `volume` (0–10) and `mute`
/// (`sink_1::volume=0.5`). Every input carries the output's format, rate and channels (negotiation inserts
/// `audioconvert`/`audioresample` where an input differs). The output is cut into buffers of
/// `output-buffer-duration` starting at time 0; each input buffer lands at the sample its timestamp names (a
/// buffer without a timestamp follows the previous one), gaps are silence, and the samples of all inputs are
/// summed — integers saturating, floats unclipped. The last buffer stops where the longest input stops; the
/// output ends when every input has ended.
///
/// ```
/// parallax-launch audiomixer name=m ! audioconvert ! autoaudiosink \
///     audiotestsrc freq=440 num-buffers=100 ! m.  audiotestsrc freq=660 num-buffers=100 ! m.
/// ```
/// Thread: the mixer's own streaming thread (`Aggregator`).
public struct AudioMixer: Aggregator {
    /// Raw interleaved audio.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// Raw interleaved audio in the inputs' format.
    public typealias Output = RawAudio<AnyAudioFormat>

    static let formats: [AudioSampleFormat] = [.s16le, .s32le, .f32le, .f64le]

    /// The factory name, documentation, properties and pad properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "audiomixer", longName: "AudioMixer", klass: "Generic/Audio",
        description: "Mixes multiple audio streams",
        properties: [
            .uint("output-buffer-duration", \.outputBufferDuration, range: 1...UInt64(Int64.max),
                  "Output block size in nanoseconds"),
        ],
        padProperties: [
            PadProperty(
                "volume", type: .double(0...10), "Volume of this pad", default: .double(1),
                get: { .double($0.settings(for: $1).volume) },
                set: { element, pad, value in
                    if case .double(let v) = value { element.padSettings[pad, default: .init()].volume = v }
                }),
            PadProperty(
                "mute", type: .bool, "Mute this pad", default: .bool(false),
                get: { .bool($0.settings(for: $1).mute) },
                set: { element, pad, value in
                    if case .bool(let v) = value { element.padSettings[pad, default: .init()].mute = v }
                }),
        ])

    /// `sink_%u` (request) and `src`: interleaved `audio/x-raw` in S16LE, S32LE, F32LE or F64LE.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("audio/x-raw", [
            ("format", .list(formats.map { .string($0.rawValue) })), ("layout", .string("interleaved")),
            ("rate", .intRange(1...Int(Int32.max), step: 1)), ("channels", .intRange(1...Int(Int32.max), step: 1)),
        ])
        return [
            PadTemplate(name: "sink_%u", direction: .sink, presence: .request, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// Nanoseconds of audio per output buffer (GStreamer's default: 10 ms).
    public var outputBufferDuration: UInt64 = 10_000_000
    /// Pad properties by pad name; pads without an entry use the defaults.
    public var padSettings: [String: AudioMixerPadSettings] = [:]

    private var info: AudioInfo?
    private var gains: [Double] = []
    /// Buffers taken from each pad and not yet mixed to their end, with the sample each starts at.
    private var held: [[(buffer: Buffer, start: Int64)]] = []
    /// Where each pad's next untimed buffer starts.
    private var nextStart: [Int64] = []
    /// The first sample of the next output buffer.
    private var position: Int64 = 0

    /// A mixer with GStreamer's defaults.
    public init() {}

    /// The settings of the pad called `pad`.
    public func settings(for pad: String) -> AudioMixerPadSettings { padSettings[pad] ?? AudioMixerPadSettings() }

    private var blockFrames: Int64 {
        guard let info else { return 1 }
        return max(1, Int64((UInt64(info.rate) * outputBufferDuration + 500_000_000) / 1_000_000_000))
    }

    /// One output block.
    public func outputSize(for caps: Caps) -> Int? {
        guard let info = AudioInfo(caps: caps) else { return nil }
        let frames = max(1, Int((UInt64(info.rate) * outputBufferDuration + 500_000_000) / 1_000_000_000))
        return frames * info.bytesPerFrame
    }

    /// Reads the output format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = AudioInfo(caps: output), Self.formats.contains(info.format) else {
            throw ElementError("audiomixer cannot produce \(output?.description ?? "no caps")")
        }
        self.info = info
    }

    /// Checks every input against the output and reads the pads' gains.
    public mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError) {
        for (caps, pad) in zip(caps, pads) where AudioInfo(caps: caps) != info {
            throw ElementError("audiomixer's \(pad) carries \(caps), not the output's format")
        }
        for name in padSettings.keys where !pads.contains(name) {
            throw ElementError(
                "audiomixer has pad properties for \(name), which is not linked (linked: \(pads.joined(separator: ", ")))")
        }
        gains = pads.map { settings(for: $0).mute ? 0 : settings(for: $0).volume }
        held = pads.map { _ in [] }
        nextStart = pads.map { _ in 0 }
        position = 0
    }

    /// Releases what is still held.
    public mutating func stop() {
        for pad in held.indices {
            for var entry in held[pad] { entry.buffer.release() }
            held[pad].removeAll()
        }
        position = 0
    }

    /// Takes buffers until every pad covers the next block (or has ended), then mixes the block.
    public mutating func aggregate(_ queued: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep
    {
        guard let info else { throw ElementError("audiomixer was not configured") }
        let frameBytes = info.bytesPerFrame
        var end = position + blockFrames
        for pad in 0..<queued.count {
            while heldEnd(pad, frameBytes) < end {
                guard var buffer = queued.take(pad) else {
                    if queued.isFinished(pad) { break }
                    return .needData(pad: pad)
                }
                let start = buffer.pts.map { Int64(($0.nanoseconds * UInt64(info.rate) + 500_000_000) / 1_000_000_000) }
                    ?? nextStart[pad]
                let frames = Int64(buffer.length / frameBytes)
                nextStart[pad] = start + frames
                if start + frames <= position {
                    buffer.release()  // entirely before what is still to be mixed
                    continue
                }
                held[pad].append((buffer, start))
            }
        }
        let last = held.indices.map { heldEnd($0, frameBytes) }.max() ?? position
        if last <= position { return .endOfStream }
        if (0..<queued.count).allSatisfy(queued.isFinished) { end = min(end, last) }
        let frames = Int(end - position)
        let start = position
        ctx.withUnsafeOutput { out in
            out.baseAddress?.initializeMemory(as: UInt8.self, repeating: 0, count: frames * frameBytes)
        }
        for pad in held.indices {
            for entry in held[pad] {
                let from = max(start, entry.start), to = min(end, entry.start + Int64(entry.buffer.length / frameBytes))
                guard from < to, let source = entry.buffer.storage.base else { continue }
                let samples = Int(to - from) * info.channels
                let gain = gains[pad]
                ctx.withUnsafeOutput { out in
                    guard let base = out.baseAddress else { return }
                    AudioMixing.add(
                        UnsafeRawPointer(source) + Int(from - entry.start) * frameBytes,
                        into: base + Int(from - start) * frameBytes, samples: samples, format: info.format, gain: gain)
                }
            }
            while let first = held[pad].first, first.start + Int64(first.buffer.length / frameBytes) <= end {
                var done = held[pad].removeFirst().buffer
                done.release()
            }
        }
        position = end
        ctx.outputLength = frames * frameBytes
        let pts = ClockTime(nanoseconds: UInt64(start) * 1_000_000_000 / UInt64(info.rate))
        let stop = ClockTime(nanoseconds: UInt64(end) * 1_000_000_000 / UInt64(info.rate))
        ctx.metadata = BufferMetadata(pts: pts, duration: stop - pts, offset: UInt64(start), offsetEnd: UInt64(end))
        return .output
    }

    /// The sample after the last one held for `pad` (the current position when nothing is held).
    private func heldEnd(_ pad: Int, _ frameBytes: Int) -> Int64 {
        guard let last = held[pad].last else { return position }
        return last.start + Int64(last.buffer.length / frameBytes)
    }
}
