import ParallaxCore

/// `wavparse`: reads a WAV file into raw audio — GStreamer's wavparse, for PCM and IEEE float.
///
/// Walks the RIFF chunks: the `fmt ` chunk (plain or WAVE_FORMAT_EXTENSIBLE; `WavFormat`) names the format,
/// unknown chunks (`LIST`, `fact`, `bext`, …) are skipped without being held, and the `data` chunk's samples go
/// out in whole sample frames, stamped from the sample count (`pts`, `duration`, `offset` in samples). A `data`
/// length of 0, of 0xFFFFFFFF, or larger than what follows (an unfinished file) means "to the end of the
/// stream"; with `ignore-length` every length is taken that way. Bytes after the data chunk are ignored.
///
/// Format discovery: `filesrc location=a.wav ! wavparse` reads the chunks before negotiation
/// (`StreamHeaderParsing`, up to the first 64 KiB), so the src pad offers exactly the file's format. At run
/// time the chunks are parsed again from the stream; a format that does not match the negotiated caps is an
/// error, as are garbage, a short or unsupported `fmt ` chunk, a `data` chunk before the `fmt ` chunk and a
/// stream that ends inside the header, each naming the byte position. Memory held: at most one `fmt ` chunk
/// (1 KiB) or one partial sample frame.
/// ```
/// parallax-launch filesrc location=in.wav ! wavparse ! audioconvert ! audio/x-raw,format=F32LE ! fakesink
/// ```
/// Thread: `discoverFormat` on the control thread; `process` and `drain` on the segment's streaming thread.
public struct WavParser: StreamHeaderParsing, SendsOwnOutputs {
    /// `audio/x-wav` (pad templates below).
    public typealias Input = AnyMedia
    /// Raw audio (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "wavparse", longName: "WAV audio demuxer", klass: "Codec/Demuxer/Audio",
        description: "Parse a .wav file into raw audio",
        properties: [.bool("ignore-length", \.ignoreLength, "Ignore length from the Wave header")])

    /// A WAV byte stream in, raw audio out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("audio/x-wav")),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps(
                    "audio/x-raw",
                    [
                        ("format", .list(WavFormat.formats.map { .string($0.name) })),
                        ("layout", .string("interleaved")),
                        ("rate", .intRange(1...Int(Int32.max), step: 1)), ("channels", .intRange(1...65535, step: 1)),
                    ])),
        ]
    }

    /// Whether the `data` chunk's length is ignored (read to the end of the stream).
    public var ignoreLength = false

    /// Where the parser is in the file.
    private enum State: Sendable, Hashable {
        case riff
        case chunkHeader
        case format(size: Int)
        case skip(remaining: UInt64)
        case data(remaining: UInt64?)
        case trailing
    }

    /// The largest `fmt ` chunk accepted.
    private static let maximumFormatChunk = 1024

    private var discovered: Caps?
    private var negotiated: Caps?
    private var state = State.riff
    private var format: WavFormat?
    private var pending: [UInt8] = []
    private var position: UInt64 = 0  // stream offset of the first byte of `pending` (or of the next byte)
    private var samples: UInt64 = 0

    /// Added to a format mismatch when the header could not be read before negotiation.
    private static let notReadAhead =
        " (the header was not read before negotiation: only a filesrc, directly or through queues, can be read ahead)"

    /// A parser with GStreamer's defaults.
    public init() {}

    /// The chunks before the samples fit in the first 64 KiB of ordinary files.
    public var headerPeekLength: Int { 65536 }

    /// Reads the format from the file's first chunks.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        var scan = WavParser()
        try bytes.withElementBytes { (raw) throws(ElementError) in
            try scan.walk(raw) { _, _ throws(ElementError) in }
        }
        guard let format = scan.format else {
            throw ElementError("wavparse: no fmt chunk in the first \(bytes.count) bytes of the stream")
        }
        discovered = format.caps
    }

    /// The file's format once read ahead; otherwise any raw audio of the template.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if direction == .sink { return discovered ?? Self.template(.src)!.caps }
        return Self.template(.sink)!.caps
    }

    /// Remembers the negotiated format, which the `fmt ` chunk must match.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        negotiated = output
    }

    /// The input's samples, plus one partial sample frame kept from before.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        inputSize + (WavFormat(caps: caps)?.blockAlign ?? 0)
    }

    /// Starts a new file.
    public mutating func start() throws(ElementError) {
        state = .riff
        format = nil
        pending = []
        position = 0
        samples = 0
    }

    /// Parses the input's chunks; sends the samples it holds in whole frames.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let input = ctx.withUnsafeInput { $0 }
        let capacity = ctx.outputCapacity
        var written = 0
        let output = ctx.withUnsafeOutput { $0 }
        try walk(input) { (samples, count) throws(ElementError) in
            guard written + count <= capacity else {
                throw ElementError("wavparse: an output of \(capacity) bytes cannot hold \(written + count)")
            }
            (output.baseAddress! + written).copyMemory(from: samples, byteCount: count)
            written += count
        }
        guard written > 0, let format else { return .dropped }
        let frames = UInt64(written / format.blockAlign)
        ctx.outputLength = written
        ctx.metadata = BufferMetadata(
            pts: ClockTime.scale(samples, 1_000_000_000, UInt64(format.rate)),
            duration: ClockTime.scale(frames, 1_000_000_000, UInt64(format.rate)), offset: samples,
            offsetEnd: samples + frames, sequence: ctx.metadata.sequence, flags: samples == 0 ? [.discont] : [])
        samples += frames
        return .ok
    }

    /// Fails when the stream ended before the samples began.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        switch state {
        case .data, .trailing:
            return
        case .riff:
            throw ElementError(
                "wavparse: the stream ended after \(position + UInt64(pending.count)) bytes, inside the RIFF header")
        case .chunkHeader, .skip:
            throw ElementError(
                "wavparse: the stream ended at byte \(position + UInt64(pending.count)) before a data chunk")
        case .format:
            throw ElementError("wavparse: the stream ended inside the fmt chunk at byte \(position - 8)")
        }
    }

    /// Runs the chunk state machine over `bytes`, handing sample bytes (whole frames) to `deliver`.
    private mutating func walk(
        _ bytes: UnsafeRawBufferPointer, deliver: (UnsafeRawPointer, Int) throws(ElementError) -> Void
    ) throws(ElementError) {
        var at = 0
        /// Gathers `count` bytes into `pending`; true once they are all there.
        func gather(_ count: Int) -> Bool {
            let take = min(count - pending.count, bytes.count - at)
            pending += bytes[at..<(at + take)]
            at += take
            return pending.count == count
        }
        while at < bytes.count {
            switch state {
            case .riff:
                guard gather(12) else { return }
                guard pending.starts(with: Array("RIFF".utf8)), pending[8..<12].elementsEqual("WAVE".utf8) else {
                    throw ElementError(
                        "wavparse: not a RIFF/WAVE stream: it starts with \(Y4MHeader.quote(pending)) at byte 0")
                }
                consume(next: .chunkHeader)
            case .chunkHeader:
                guard gather(8) else { return }
                try readChunkHeader()
            case .format(let size):
                guard gather(size) else { return }
                try accept(try WavFormat(chunk: pending, at: position - 8))
                consume(next: .skip(remaining: UInt64(size & 1)))
            case .skip(let remaining):
                let take = Int(min(remaining, UInt64(bytes.count - at)))
                at += take
                position += UInt64(take)
                state = remaining == UInt64(take) ? .chunkHeader : .skip(remaining: remaining - UInt64(take))
            case .data(let remaining):
                guard let align = format?.blockAlign else { return }
                let available = bytes.count - at
                let take = remaining.map { Int(min($0, UInt64(available))) } ?? available
                let carried = pending.count
                let whole = (carried + take) / align * align
                if whole == 0 {
                    pending += bytes[at..<(at + take)]
                } else {
                    if carried > 0 {
                        pending += bytes[at..<(at + whole - carried)]
                        try pending.withElementBytes { (raw) throws(ElementError) in
                            try deliver(raw.baseAddress!, whole)
                        }
                    } else {
                        try deliver(bytes.baseAddress! + at, whole)
                    }
                    let leftover = carried + take - whole
                    pending = Array(bytes[(at + take - leftover)..<(at + take)])
                }
                at += take
                position += UInt64(take)
                if let remaining {
                    state = remaining == UInt64(take) ? .trailing : .data(remaining: remaining - UInt64(take))
                }
            case .trailing:
                position += UInt64(bytes.count - at)
                return
            }
        }
    }

    /// Acts on the chunk header gathered in `pending`.
    private mutating func readChunkHeader() throws(ElementError) {
        let id = String(decoding: pending[0..<4], as: UTF8.self)
        let size = UInt64(pending[4]) | UInt64(pending[5]) << 8 | UInt64(pending[6]) << 16 | UInt64(pending[7]) << 24
        switch id {
        case "fmt ":
            guard format == nil else { throw ElementError("wavparse: a second fmt chunk at byte \(position)") }
            guard size <= UInt64(Self.maximumFormatChunk) else {
                throw ElementError(
                    "wavparse: the fmt chunk at byte \(position) says \(size) bytes, at most "
                        + "\(Self.maximumFormatChunk) are accepted")
            }
            consume(next: .format(size: Int(size)))
        case "data":
            guard format != nil else {
                throw ElementError("wavparse: the data chunk at byte \(position) comes before any fmt chunk")
            }
            let toEnd = ignoreLength || size == 0 || size == UInt64(UInt32.max)
            consume(next: .data(remaining: toEnd ? nil : size))
        default:
            guard id.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw ElementError(
                    "wavparse: garbage instead of a chunk header at byte \(position): \(Y4MHeader.quote(pending))")
            }
            consume(next: .skip(remaining: size + (size & 1)))
        }
    }

    /// Clears the gathered item and moves on.
    private mutating func consume(next: State) {
        position += UInt64(pending.count)
        pending = []
        state = next
    }

    /// Takes the stream's format, checking it against the negotiated caps.
    private mutating func accept(_ found: WavFormat) throws(ElementError) {
        if let negotiated, let expected = WavFormat(caps: negotiated), expected != found {
            throw ElementError(
                "wavparse: the fmt chunk says \(found.channels) channels of \(found.format) at \(found.rate) Hz, "
                    + "but \(negotiated) was negotiated" + (discovered == nil ? Self.notReadAhead : ""))
        }
        format = found
    }
}
