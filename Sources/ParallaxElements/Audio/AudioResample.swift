import ParallaxCore

/// `audioresample`: changes the sample rate of raw audio with a band-limited windowed-sinc filter —
/// GStreamer's audio resampler, with its property names and defaults (Kaiser window, quality 4).
///
/// Output sample *n* lies at input position `p = n · in / out`; it is `Σ x[j] · h(p − j)` over the taps
/// around `p`, with `h` a sinc cut off just below the lower of the two Nyquist frequencies and shaped by a
/// window (`AudioResampleFilter`), so frequencies the output rate cannot hold are removed instead of folding
/// back as aliases. The taps for every phase `p mod 1` are computed once per rate pair (a polyphase table);
/// the dot products run on `SIMD8<Float>`. `quality` sets the stop-band attenuation (40 dB at 0 to 90 dB
/// at 10) and so the filter length.
///
/// ```
/// parallax-launch audiotestsrc num-buffers=100 ! audio/x-raw,rate=48000 ! audioresample ! \
///     audio/x-raw,rate=44100 ! fakesink
/// ```
/// Timing: output buffers are stamped from the first input timestamp plus `n / out` seconds, so the stream
/// stays continuous. The filter looks half its length ahead, so the last few output samples of a stream
/// (half the filter, about 0.5 ms at quality 4) are not produced at end-of-stream.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct AudioResample: Converter, SendsOwnOutputs {
    /// Raw interleaved audio.
    public typealias Input = RawAudio<AnyAudioFormat>
    /// Raw interleaved audio at another rate.
    public typealias Output = RawAudio<AnyAudioFormat>

    /// The interpolation (`resample-method`, GStreamer's `GstAudioResamplerMethod`, with its values).
    public enum Method: Int, PropertyEnum {
        /// The nearest input sample.
        case nearest = 0
        /// Linear interpolation between the two nearest samples.
        case linear = 1
        /// Cubic (B-spline, B = 1, C = 0) interpolation over four samples.
        case cubic = 2
        /// Windowed sinc, Blackman-Nuttall window.
        case blackmanNuttall = 3
        /// Windowed sinc, Kaiser window.
        case kaiser = 4

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .nearest: "nearest"
            case .linear: "linear"
            case .cubic: "cubic"
            case .blackmanNuttall: "blackman-nuttall"
            case .kaiser: "kaiser"
            }
        }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String {
            switch self {
            case .nearest: "Nearest Neighbour"
            case .linear: "Linear Interpolation"
            case .cubic: "Cubic Interpolation"
            case .blackmanNuttall: "Blackman Nuttall Windowed Sinc"
            case .kaiser: "Kaiser Windowed Sinc"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "audioresample", longName: "Audio resampler", klass: "Filter/Converter/Audio",
        description: "Resamples audio",
        properties: [
            .int("quality", \.quality, range: 0...10, "Resample quality with 0 being the lowest and 10 being the best"),
            .enumeration("resample-method", \.method, typeName: "GstAudioResamplerMethod", "What resampling method to use"),
        ])

    /// A copy plus a windowed-sinc filter per output sample (`ConversionCost`).
    public static var conversionCost: Int { ConversionCost.copy + ConversionCost.resampling }

    /// The pad templates: interleaved F32LE, F64LE, S32LE or S16LE at any rate and channel count.
    public static var padTemplates: [PadTemplate] { AudioSampleCodec.padTemplates }

    /// 0 (fastest) … 10 (best); 4 by default.
    public var quality = 4
    /// The interpolation; Kaiser-windowed sinc by default.
    public var method = Method.kaiser

    private var inputInfo: AudioInfo?
    private var outputInfo: AudioInfo?
    private var filter: AudioResampleFilter?
    /// Per channel, input samples from absolute index `base` on (the filter's history first).
    private var history: [[Float]] = []
    private var base = 0
    /// The next output sample's index.
    private var nextOutput = 0
    private var firstTime: ClockTime?
    /// Input frames taken since the stream started, for the length of the output at end of stream.
    private var inputFrames = 0
    private var scratch: [Float] = []
    private var interleaved: [Float] = []

    /// A resampler with GStreamer's defaults.
    public init() {}

    /// The other side: the same format and channels at any rate.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        var result: [CapsStructure] = []
        for var structure in caps.structures where structure.name == "audio/x-raw" {
            structure["rate"] = .intRange(1...Int(Int32.max), step: 1)
            if !result.contains(structure) { result.append(structure) }
        }
        return AudioSampleCodec.restricted(result)
    }

    /// Prefers the rate on the other side (so a free rate passes through unchanged), as GStreamer does.
    public func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps {
        var caps = caps
        if let rate = otherSide.structures.first?.int("rate") { caps.fixateField("rate", nearestInt: rate) }
        return caps.fixated()
    }

    /// Takes the negotiated formats: the same sample format and channels on both sides.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = AudioInfo(caps: input), let outInfo = AudioInfo(caps: output),
            inInfo.format == outInfo.format, inInfo.channels == outInfo.channels,
            AudioSampleCodec.formats.contains(inInfo.format)
        else {
            throw ElementError("audioresample cannot convert between these formats.",
                               debug: "input \(input?.description ?? "none"), output \(output?.description ?? "none")")
        }
        inputInfo = inInfo
        outputInfo = outInfo
        filter = inInfo.rate == outInfo.rate
            ? nil : AudioResampleFilter(from: inInfo.rate, to: outInfo.rate, method: method, quality: quality)
        reset()
    }

    /// Clears the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) { reset() }

    private mutating func reset() {
        let lead = filter.map { $0.taps / 2 - 1 } ?? 0
        history = Array(repeating: Array(repeating: 0, count: lead), count: inputInfo?.channels ?? 0)
        base = -lead
        nextOutput = 0
        firstTime = nil
        inputFrames = 0
    }

    /// Room for every output sample one input buffer can complete.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        guard let inputInfo, let outputInfo else { return nil }
        let frames = inputSize / inputInfo.bytesPerFrame
        return (frames * outputInfo.rate / inputInfo.rate + 2) * outputInfo.bytesPerFrame
    }

    /// Resamples one buffer (copies it when the rates are equal).
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let inInfo = inputInfo, let outInfo = outputInfo else {
            throw ElementError("audioresample was not negotiated.")
        }
        guard let filter else {
            let length = Swift.min(ctx.inputLength, ctx.outputCapacity)
            let input = ctx.withUnsafeInput { $0.baseAddress }
            ctx.withUnsafeOutput { output in
                if let input, let base = output.baseAddress { base.copyMemory(from: input, byteCount: length) }
            }
            ctx.outputLength = length
            return .ok
        }
        if firstTime == nil { firstTime = ctx.metadata.pts ?? .zero }
        let channels = inInfo.channels
        let frames = ctx.inputLength / inInfo.bytesPerFrame
        if scratch.count < frames * channels { scratch = Array(repeating: 0, count: frames * channels) }
        let input = ctx.withUnsafeInput { $0.baseAddress }
        if let input {
            scratch.withUnsafeMutableBufferPointer { decoded in
                AudioSampleCodec.decode(inInfo.format, input, count: frames * channels, into: decoded.baseAddress!)
            }
        }
        scratch.withUnsafeBufferPointer { decoded in
            // De-interleave into each channel's history: grow it, then copy with a stride.
            for c in 0..<channels {
                let old = history[c].count
                history[c].append(contentsOf: repeatElement(0, count: frames))
                history[c].withUnsafeMutableBufferPointer { samples in
                    guard let target = samples.baseAddress.map({ $0 + old }), let source = decoded.baseAddress else {
                        return
                    }
                    for i in 0..<frames { target[i] = source[i * channels + c] }
                }
            }
        }
        inputFrames += frames
        // Outputs whose taps have all arrived: input position of the last tap ≤ the last input index.
        let last = base + history[0].count - 1
        var count = 0
        while filter.lastTap(of: nextOutput + count) <= last { count += 1 }
        count = Swift.min(count, ctx.outputCapacity / outInfo.bytesPerFrame)
        guard count > 0 else { return .dropped }
        let metadata = ctx.withUnsafeOutput { output in
            resample(count, filter, into: output.baseAddress!)
        }
        ctx.outputLength = count * outInfo.bytesPerFrame
        ctx.metadata.pts = metadata.pts
        ctx.metadata.duration = metadata.duration
        ctx.metadata.offset = metadata.offset
        ctx.metadata.offsetEnd = metadata.offsetEnd
        return .ok
    }

    /// At end of stream, the outputs still owed: the input is continued with silence until the output is as long
    /// as the input (input frames × output rate ÷ input rate, rounded), so the last input samples are not lost.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard let filter, let inInfo = inputInfo, let outInfo = outputInfo, !history.isEmpty else { return }
        let total = (inputFrames * outInfo.rate + inInfo.rate / 2) / inInfo.rate
        guard total > nextOutput else { return }
        let missing = filter.lastTap(of: total - 1) - (base + history[0].count - 1)
        if missing > 0 {
            for c in history.indices { history[c].append(contentsOf: repeatElement(0, count: missing)) }
        }
        let chunk = Swift.max(1, 4096 / Swift.max(1, outInfo.bytesPerFrame))
        while total > nextOutput {
            var count = Swift.min(chunk, total - nextOutput)
            let first = nextOutput, origin = firstTime ?? .zero
            let rate = UInt64(outInfo.rate)
            let time = ClockTime.scale(UInt64(first), 1_000_000_000, rate)
            let end = ClockTime.scale(UInt64(first + count), 1_000_000_000, rate)
            let metadata = BufferMetadata(
                pts: origin + time, duration: end - time, offset: UInt64(first), offsetEnd: UInt64(first + count))
            let status = try ctx.emit(metadata: metadata) { output in
                count = Swift.min(count, output.count / outInfo.bytesPerFrame)
                guard count > 0, let base = output.baseAddress else { return 0 }
                _ = resample(count, filter, into: base)
                return count * outInfo.bytesPerFrame
            }
            if status != .ok || count == 0 { return }
        }
    }

    /// Runs the filter for the next `count` outputs into `output` (encoded, interleaved), drops the history no
    /// later output needs, and returns the outputs' timing.
    private mutating func resample(_ count: Int, _ filter: AudioResampleFilter, into output: UnsafeMutableRawPointer)
        -> BufferMetadata
    {
        guard let outInfo = outputInfo else { return BufferMetadata() }
        let channels = outInfo.channels
        if interleaved.count < count * channels { interleaved = Array(repeating: 0, count: count * channels) }
        let first = nextOutput, start = base
        interleaved.withUnsafeMutableBufferPointer { out in
            for c in 0..<channels {
                history[c].withUnsafeBufferPointer { x in
                    filter.run(x.baseAddress!, base: start, outputs: first..<(first + count),
                               into: out.baseAddress! + c, stride: channels)
                }
            }
        }
        nextOutput += count
        let keep = filter.firstTap(of: nextOutput) - base
        if keep > 0 {
            for c in 0..<channels { history[c].removeFirst(Swift.min(keep, history[c].count)) }
            base += keep
        }
        interleaved.withUnsafeBufferPointer { samples in
            AudioSampleCodec.encode(outInfo.format, samples.baseAddress!, count: count * channels, into: output)
        }
        let rate = UInt64(outInfo.rate), origin = firstTime ?? .zero
        let time = ClockTime.scale(UInt64(first), 1_000_000_000, rate)
        let end = ClockTime.scale(UInt64(first + count), 1_000_000_000, rate)
        return BufferMetadata(pts: origin + time, duration: end - time, offset: UInt64(first), offsetEnd: UInt64(first + count))
    }
}
