import ParallaxCore

/// `wavenc`: writes raw audio as a WAV file — GStreamer's wavenc, byte for byte.
///
/// The first output starts with a RIFF header (`WavFormat`) whose sizes are still unknown (written as the
/// largest value, so a reader of an unfinished file reads to its end); the samples follow unchanged. At end of
/// stream the header is sent again with the real RIFF, `fact` and `data` sizes, flagged `BufferFlags.overwrite`
/// at `offset` 0, which `filesink` writes over the start of the file. Sinks that cannot go back drop it.
/// Formats: U8, S16LE, S24LE, S32LE, F32LE, F64LE, interleaved, any rate, 1 to 65535 channels (the extensible
/// header above two channels). Sizes above 4 GiB are written as 0xFFFFFFFF (GStreamer switches to RF64 there).
/// ```
/// parallax-launch audiotestsrc num-buffers=100 ! audio/x-raw,format=S16LE,channels=2 ! wavenc ! filesink location=a.wav
/// ```
/// Thread: `process` and `drain` on the segment's streaming thread.
public struct WavEncoder: Transform, SendsOwnOutputs {
    /// Raw audio (pad templates below).
    public typealias Input = AnyMedia
    /// `audio/x-wav` (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and documentation, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "wavenc", longName: "WAV audio muxer", klass: "Codec/Muxer/Audio",
        description: "Encode raw audio into WAV")

    /// Raw audio in, a WAV byte stream out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps(
                    "audio/x-raw",
                    [
                        ("rate", .intRange(1...Int(Int32.max), step: 1)), ("channels", .intRange(1...65535, step: 1)),
                        ("format", .list(WavFormat.formats.map { .string($0.name) })),
                        ("layout", .string("interleaved")),
                    ])),
            PadTemplate(name: "src", direction: .src, caps: Caps("audio/x-wav")),
        ]
    }

    private var format: WavFormat?
    private var dataBytes: UInt64 = 0
    private var started = false

    /// An encoder (it has no properties).
    public init() {}

    /// Learns the sample format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let format = WavFormat(caps: input) else {
            throw ElementError("wavenc: the input caps \(input?.description ?? "none") are not raw interleaved audio")
        }
        self.format = format
    }

    /// Starts a new file.
    public mutating func start() throws(ElementError) {
        dataBytes = 0
        started = false
    }

    /// Room for the header and the input.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? { inputSize + 80 }

    /// Writes the header before the first samples, then the samples unchanged.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let format else { throw ElementError("wavenc: not negotiated") }
        let header = started ? [] : format.header(dataBytes: UInt64(UInt32.max))
        let total = header.count + ctx.inputLength
        guard total <= ctx.outputCapacity else {
            throw ElementError("wavenc: an output of \(ctx.outputCapacity) bytes cannot hold \(total)")
        }
        let input = ctx.withUnsafeInput { $0 }
        ctx.withUnsafeOutput { output in
            header.withUnsafeBytes { output.copyMemory(from: $0) }
            UnsafeMutableRawBufferPointer(rebasing: output[header.count...]).copyMemory(from: input)
        }
        ctx.outputLength = total
        ctx.metadata.offset = started ? UInt64(format.headerLength) + dataBytes : 0
        ctx.metadata.offsetEnd = UInt64(format.headerLength) + dataBytes + UInt64(ctx.inputLength)
        started = true
        dataBytes += UInt64(ctx.inputLength)
        return .ok
    }

    /// Sends the header again with the final sizes, to be written over the first one.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard let format else { return }
        if !started {
            // No samples at all: the file is just the header, complete as it is.
            let header = format.header(dataBytes: 0)
            _ = try ctx.emit(metadata: BufferMetadata(offset: 0, offsetEnd: UInt64(header.count))) { output in
                header.withUnsafeBytes { output.copyMemory(from: $0) }
                return header.count
            }
            started = true
            return
        }
        let header = format.header(dataBytes: dataBytes)
        let metadata = BufferMetadata(offset: 0, offsetEnd: UInt64(header.count), flags: [.overwrite])
        _ = try ctx.emit(metadata: metadata) { output in
            header.withUnsafeBytes { output.copyMemory(from: $0) }
            return header.count
        }
    }
}
