import ParallaxCore

/// `audiorate`: makes a raw audio stream perfect by its timestamps — every buffer starts where the previous
/// one ended — GStreamer's audiorate, with its property names and defaults.
///
/// Each buffer's position in samples is its timestamp × rate (rounded). Against the position the stream has
/// reached:
/// ```
/// buffer later by more than `tolerance`    silence is sent first to fill the gap (counted in `add`)
/// buffer earlier by more than `tolerance`  its overlapping samples are dropped (`drop`); all of it if it
///                                          lies entirely before the position
/// within `tolerance` either way            the buffer is taken as perfect
/// ```
/// Every output is restamped from its sample position: `pts` and `duration` from the samples, `offset` and
/// `offset-end` in samples. Without `skip-to-first` the stream starts at the segment's start, so a first
/// buffer at 0.5 s is preceded by 0.5 s of silence. Silence is sent in buffers of at most the output size.
///
/// ```
/// parallax-launch audiotestsrc ! audiorate tolerance=0 ! fakesink
/// ```
/// The counters GStreamer has as read-only properties (`in`, `out`, `add`, `drop`, in samples) are the
/// Swift properties `inputSamples`, `outputSamples`, `addedSamples` and `droppedSamples` (Parallax
/// properties are all writable, so they are not in the descriptor); `silent` (no notifications exist) is
/// not provided. Thread: `process` runs on the streaming thread of the element's segment.
public struct AudioRate: Transform, SendsOwnOutputs {
    /// Interleaved S16LE, S32LE, F32LE or F64LE audio, any rate and channel count.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// The same audio, with perfect timestamps.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "audiorate", longName: "Audio rate adjuster", klass: "Filter/Effect/Audio",
        description: "Drops/duplicates/adjusts timestamps on audio samples to make a perfect stream",
        properties: [
            .bool("skip-to-first", \.skipToFirst, "Don't produce buffers before the first one we receive"),
            .uint(
                "tolerance", \.tolerance, range: 0...UInt64.max,
                "Only act if timestamp jitter/imperfection exceeds indicated tolerance (ns)"),
        ])

    /// The pad templates: interleaved S16LE, S32LE, F32LE or F64LE at any rate and channel count.
    public static var padTemplates: [PadTemplate] { AudioSampleCodec.padTemplates }

    /// Whether the stream starts at its first buffer rather than at the segment's start.
    public var skipToFirst = false
    /// Nanoseconds of timestamp error left alone; 40 ms by default.
    public var tolerance: UInt64 = 40_000_000

    /// Samples received.
    public private(set) var inputSamples: UInt64 = 0
    /// Samples sent, silence included.
    public private(set) var outputSamples: UInt64 = 0
    /// Samples of silence inserted.
    public private(set) var addedSamples: UInt64 = 0
    /// Samples dropped.
    public private(set) var droppedSamples: UInt64 = 0

    private var info: AudioInfo?
    private var segment = Segment()
    /// The sample position the next output starts at; nil before the first buffer.
    private var nextOffset: UInt64?

    /// An audiorate with GStreamer's defaults.
    public init() {}

    /// The same format on both sides.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        caps.isAny ? caps : caps.intersection(AudioSampleCodec.templateCaps())
    }

    /// Takes the negotiated format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = AudioInfo(caps: input), AudioSampleCodec.formats.contains(info.format) else {
            throw ElementError(
                "audiorate cannot handle \(input?.description ?? "no caps"): it takes S16LE, S32LE, F32LE or F64LE audio."
            )
        }
        self.info = info
    }

    /// Resets the counters and the stream position (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        (inputSamples, outputSamples, addedSamples, droppedSamples) = (0, 0, 0, 0)
        nextOffset = nil
        segment = Segment()
    }

    /// A new segment restarts the stream position.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment(let segment) = event {
            self.segment = segment
            nextOffset = nil
        }
        return .forward
    }

    /// Samples are moved within the buffer when its head is dropped.
    public var canProcessInPlace: Bool { true }

    /// Fills, trims or restamps one buffer.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info else { throw ElementError("audiorate was not negotiated.") }
        let frameBytes = info.bytesPerFrame
        guard ctx.inputLength % frameBytes == 0 else {
            throw ElementError(
                "audiorate: buffer \(ctx.metadata.sequence) has \(ctx.inputLength) bytes, not a whole number of \(frameBytes)-byte frames."
            )
        }
        let frames = UInt64(ctx.inputLength / frameBytes)
        let rate = UInt64(info.rate)
        inputSamples += frames
        let inOffset = ctx.metadata.pts.map { Self.samples($0, rate: rate) }
        let next = nextOffset ?? (skipToFirst ? inOffset : nil) ?? Self.samples(segment.start, rate: rate)
        var trimmed: UInt64 = 0
        if let inOffset, let pts = ctx.metadata.pts {
            let nextTime = ClockTime.scale(next, 1_000_000_000, rate)
            if inOffset > next, pts.nanoseconds - Swift.min(pts.nanoseconds, nextTime.nanoseconds) > tolerance {
                guard try fill(inOffset - next, from: next, frameBytes: frameBytes, rate: rate, &ctx) == .ok else {
                    return .eos
                }
            } else if inOffset < next,
                nextTime.nanoseconds - Swift.min(pts.nanoseconds, nextTime.nanoseconds) > tolerance
            {
                trimmed = Swift.min(next - inOffset, frames)
                droppedSamples += trimmed
                if trimmed == frames {
                    nextOffset = next
                    return .dropped
                }
            }
        }
        let start = nextOffset ?? next
        let kept = frames - trimmed
        if trimmed > 0 || !ctx.isInPlace {
            let skip = Int(trimmed) * frameBytes, count = Int(kept) * frameBytes
            let input = ctx.withUnsafeInput { $0.baseAddress }
            ctx.withUnsafeOutput { output in
                guard let input, let destination = output.baseAddress else { return }
                destination.copyMemory(from: input + skip, byteCount: count)
            }
        }
        ctx.outputLength = Int(kept) * frameBytes
        ctx.metadata = Self.metadata(from: start, frames: kept, rate: rate, flags: ctx.metadata.flags)
        nextOffset = start + kept
        outputSamples += kept
        return .ok
    }

    /// Sends `count` frames of silence starting at sample `offset`, in buffers of at most the output size.
    private mutating func fill(
        _ count: UInt64, from offset: UInt64, frameBytes: Int, rate: UInt64, _ ctx: inout ProcessContext<Input, Output>
    ) throws(ElementError) -> FlowStatus {
        let perBuffer = UInt64(ctx.outputCapacity / frameBytes)
        let silence = info?.format.silenceByte ?? 0
        guard perBuffer > 0 else {
            throw ElementError(
                "audiorate: an output of \(ctx.outputCapacity) bytes cannot hold one \(frameBytes)-byte frame.")
        }
        var position = offset, left = count
        while left > 0 {
            let frames = Swift.min(left, perBuffer)
            let bytes = Int(frames) * frameBytes
            let status = try ctx.emit(metadata: Self.metadata(from: position, frames: frames, rate: rate, flags: [])) {
                output in
                output.baseAddress?.initializeMemory(
                    as: UInt8.self, repeating: silence, count: Swift.min(bytes, output.count))
                return bytes
            }
            guard status == .ok else { return status }
            position += frames
            left -= frames
            addedSamples += frames
            outputSamples += frames
        }
        nextOffset = position
        return .ok
    }

    /// The sample position of `time` at `rate`, rounded to nearest.
    static func samples(_ time: ClockTime, rate: UInt64) -> UInt64 {
        ClockTime.scale(time.nanoseconds, rate * 2, 1_000_000_000).nanoseconds.addingReportingOverflow(1).partialValue
            / 2
    }

    /// Perfect timing for `frames` samples starting at sample `offset`.
    static func metadata(from offset: UInt64, frames: UInt64, rate: UInt64, flags: BufferFlags) -> BufferMetadata {
        let pts = ClockTime.scale(offset, 1_000_000_000, rate)
        let end = ClockTime.scale(offset + frames, 1_000_000_000, rate)
        var metadata = BufferMetadata(
            pts: pts, dts: pts, duration: end - pts, offset: offset, offsetEnd: offset + frames)
        metadata.flags = flags
        return metadata
    }
}
