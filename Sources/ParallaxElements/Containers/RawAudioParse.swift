import ParallaxCore

/// `rawaudioparse`: turns a byte stream of raw samples into timestamped audio — GStreamer's rawaudioparse,
/// configured by its properties.
///
/// Each output holds the whole sample frames (one sample of every channel) that arrived, with a partial frame
/// kept for the next input; `pts`, `duration` and `offset` (in samples) count the frames from the stream's
/// start. `format=pcm` gives `audio/x-raw` in `pcm-format`; `alaw` and `mulaw` give `audio/x-alaw` and
/// `audio/x-mulaw` (one byte per sample). Only interleaved streams are supported: `interleaved=false` is
/// refused when the pipeline starts.
/// ```
/// parallax-launch filesrc location=in.raw ! rawaudioparse pcm-format=s16le sample-rate=48000 num-channels=2 ! fakesink
/// ```
/// The sink side takes any bytes. Thread: `process` on its segment's streaming thread.
public struct RawAudioParse: Transform {
    /// Any bytes.
    public typealias Input = ByteStream
    /// Raw or G.711 audio (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rawaudioparse", longName: "rawaudioparse", klass: "Codec/Parser/Audio",
        description: "Converts unformatted data streams into timestamped raw audio frames",
        properties: [
            .enumeration("format", \.format, typeName: "GstRawAudioParseFormat", "Format of the raw audio stream"),
            .enumeration(
                "pcm-format", \.pcmFormat, typeName: "GstAudioFormat",
                "Format of audio samples in PCM stream (ignored if format property is not set to pcm)"),
            .int("sample-rate", \.sampleRate, range: 1...Int64(Int32.max), "Rate of audio samples in raw stream"),
            .int("num-channels", \.channels, range: 1...Int64(Int32.max), "Number of channels in raw stream"),
            .bool("interleaved", \.interleaved, "True if audio has interleaved layout"),
        ])

    /// PCM, µ-law or A-law; default PCM.
    public var format = RawAudioParseFormat.pcm
    /// The PCM sample format; default S16LE.
    public var pcmFormat = RawAudioPCMFormat.s16le
    /// Samples per second; default 44100.
    public var sampleRate = 44100
    /// Channels; default 2.
    public var channels = 2
    /// Whether channels are interleaved; default true (false is not supported).
    public var interleaved = true

    private var pending: [UInt8] = []
    private var samples: UInt64 = 0

    /// A parser with GStreamer's defaults.
    public init() {}

    /// Bytes of one sample of every channel.
    public var bytesPerFrame: Int { (format == .pcm ? pcmFormat.bytesPerSample : 1) * channels }

    /// The audio's caps, from the properties.
    public var caps: Caps {
        let shape: [(String, CapsValue)] = [("rate", .int(sampleRate)), ("channels", .int(channels))]
        switch format {
        case .pcm:
            return Caps(
                "audio/x-raw",
                [("format", .string(pcmFormat.capsName)), ("layout", .string("interleaved"))]
                    + shape)
        case .alaw: return Caps("audio/x-alaw", shape)
        case .mulaw: return Caps("audio/x-mulaw", shape)
        }
    }

    /// Any bytes in; raw, A-law or µ-law audio out.
    public static var padTemplates: [PadTemplate] {
        let shape: [(String, CapsValue)] = [
            ("rate", .intRange(1...Int(Int32.max), step: 1)), ("channels", .intRange(1...Int(Int32.max), step: 1)),
        ]
        return [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps([
                    CapsStructure(
                        "audio/x-raw",
                        [
                            ("format", .list(RawAudioPCMFormat.allCases.map { .string($0.capsName) })),
                            ("layout", .string("interleaved")),
                        ] + shape),
                    CapsStructure("audio/x-alaw", shape), CapsStructure("audio/x-mulaw", shape),
                ])),
        ]
    }

    /// The configured format downstream; anything upstream.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        direction == .sink ? self.caps : .any
    }

    /// The input's frames, plus one partial frame kept from before.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? { inputSize + bytesPerFrame }

    /// Refuses what the element cannot parse.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard interleaved else {
            throw ElementError("rawaudioparse: interleaved=false (planar audio) is not supported")
        }
        guard channels <= 65535 else { throw ElementError("rawaudioparse: \(channels) channels are too many") }
    }

    /// Starts a new stream.
    public mutating func start() throws(ElementError) {
        pending = []
        samples = 0
    }

    /// Sends the whole frames that arrived, keeping a partial frame for the next input.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let align = bytesPerFrame
        let carried = pending.count
        let whole = (carried + ctx.inputLength) / align * align
        guard whole > 0 else {
            ctx.withUnsafeInput { pending.append(contentsOf: $0) }
            return .dropped
        }
        guard whole <= ctx.outputCapacity else {
            throw ElementError("rawaudioparse: an output of \(ctx.outputCapacity) bytes cannot hold \(whole)")
        }
        let input = ctx.withUnsafeInput { $0 }
        let fromInput = whole - carried
        ctx.withUnsafeOutput { output in
            pending.withUnsafeBytes {
                if carried > 0 { output.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: carried) }
            }
            if fromInput > 0 {
                (output.baseAddress! + carried).copyMemory(from: input.baseAddress!, byteCount: fromInput)
            }
        }
        pending = Array(input[fromInput...])
        let frames = UInt64(whole / align)
        let rate = UInt64(sampleRate)
        ctx.outputLength = whole
        ctx.metadata = BufferMetadata(
            pts: ClockTime.scale(samples, 1_000_000_000, rate), duration: ClockTime.scale(frames, 1_000_000_000, rate),
            offset: samples, offsetEnd: samples + frames, sequence: ctx.metadata.sequence,
            flags: samples == 0 ? [.discont] : [])
        samples += frames
        return .ok
    }
}
