import ParallaxCore

/// `ivfparse`: reads an IVF stream (VP8, VP9 or AV1) and outputs one buffer per frame — GStreamer's ivfparse.
///
/// The caps come from the 32-byte header (codec, width, height, frame rate = timebase denominator/numerator),
/// read before negotiation when the source can read ahead (`StreamHeaderParsing`); the start of the first frame is
/// handed on to a decoder after it that reads its format the same way (`StreamHeaderForwarding`: av1dec). Frames may be split across
/// input buffers or several may share one; each goes out with its pts (frame pts × timebase) and `deltaUnit`
/// unless it is a keyframe (read from the VP8 frame tag, the VP9 uncompressed header, or an AV1 temporal unit
/// that carries a sequence header).
/// ```
/// parallax-launch filesrc location=a.ivf ! ivfparse ! matroskamux ! filesink location=a.mkv
/// ```
/// Thread: `discoverFormat` on the control thread; `process` and `drain` on its segment's streaming thread.
public struct IVFParse: StreamHeaderForwarding, SendsOwnOutputs {
    /// IVF bytes (`video/x-ivf`).
    public typealias Input = AnyMedia
    /// VP8, VP9 or AV1 frames (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name, as GStreamer names it.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "ivfparse", longName: "IVF parser", klass: "Codec/Demuxer",
        description: "Demuxes a IVF stream")

    private var discovered: IVFHeader?
    private var negotiated: Caps?
    private var header: IVFHeader?
    private var pending: [UInt8] = []
    private var position: UInt64 = 0
    private var frames: UInt64 = 0
    private var capacity = 1 << 20

    /// A parser.
    public init() {}

    /// IVF in; VP8, VP9 or AV1 out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("video/x-ivf")),
            PadTemplate(name: "src", direction: .src, caps: Caps(MatroskaCodecCaps.webm)),
        ]
    }

    /// The file header.
    public var headerPeekLength: Int { IVFHeader.size }

    /// Reads the codec, size and frame rate from the file header.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        discovered = try IVFHeader(parsing: bytes)
    }

    /// The file header, the first frame header, then `count` bytes of the first frame.
    public func inputPeekLength(forOutput count: Int) -> Int { IVFHeader.size + IVFHeader.frameHeaderSize + count }

    /// The first frame's bytes among `bytes` (cut short where `bytes` end), nil for a stream that is not IVF.
    public func leadingOutput(fromHeader bytes: [UInt8]) -> [UInt8]? {
        let start = IVFHeader.size + IVFHeader.frameHeaderSize
        guard bytes.count >= start, (try? IVFHeader(parsing: bytes)) != nil else { return nil }
        let size = Int(Self.le(bytes, IVFHeader.size, 4))
        return Array(bytes[start..<min(bytes.count, start + size)])
    }

    /// The header's caps (the src template when the header could not be read ahead).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .sink else { return Self.template(.sink)?.caps ?? .empty }
        return discovered?.caps ?? Self.template(.src)?.caps ?? .empty
    }

    /// Three bytes per pixel plus 64 KiB: room for any frame.
    public func outputSize(for caps: Caps) -> Int? { MatroskaDemux.frameCapacity(caps) }

    /// Keeps the negotiated caps, to check them against the header.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        negotiated = output
        capacity = output.map(MatroskaDemux.frameCapacity) ?? (1 << 20)
        header = nil
        pending = []
        position = 0
        frames = 0
    }

    /// Collects bytes and emits every complete frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        ctx.withUnsafeInput { pending.append(contentsOf: $0) }
        var used = 0
        defer {
            pending.removeFirst(used)
            position += UInt64(used)
        }
        if header == nil {
            guard pending.count >= IVFHeader.size else { return .dropped }
            let parsed = try IVFHeader(parsing: Array(pending[0..<IVFHeader.size]))
            if let negotiated, !negotiated.isAny, parsed.caps.intersection(negotiated).isEmpty {
                throw ElementError("ivfparse: the stream is \(parsed.caps), but \(negotiated) was negotiated")
            }
            header = parsed
            used = IVFHeader.size
        }
        guard let header else { return .dropped }
        while pending.count - used >= IVFHeader.frameHeaderSize {
            let size = Int(Self.le(pending, used, 4))
            guard size <= capacity else {
                throw ElementError(
                    "ivfparse: frame \(frames) at byte \(position + UInt64(used)) has \(size) bytes, more than the \(capacity) an output holds"
                )
            }
            guard pending.count - used >= IVFHeader.frameHeaderSize + size else { break }
            let pts = Self.le(pending, used + 4, 8)
            let start = used + IVFHeader.frameHeaderSize
            let nanoseconds = ClockTime.scale(
                pts, UInt64(header.timebaseNumerator) * 1_000_000_000,
                UInt64(header.timebaseDenominator))
            let keyframe = Self.isKeyframe(pending[start..<(start + size)], fourCC: header.fourCC)
            var metadata = BufferMetadata(pts: nanoseconds, offset: frames, flags: keyframe ? [] : .deltaUnit)
            metadata.sequence = ctx.metadata.sequence
            let frame = pending[start..<(start + size)]
            let status = try ctx.emit(metadata: metadata) { out in
                guard frame.count <= out.count else { return 0 }
                frame.withUnsafeBytes { bytes in
                    if let base = bytes.baseAddress { out.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
                }
                return frame.count
            }
            used = start + size
            frames += 1
            if status != .ok { return status }
        }
        return .dropped
    }

    /// Fails for a stream that ends inside a frame or header.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard !pending.isEmpty else {
            if header == nil { throw ElementError("ivfparse: the stream ended before the 32-byte IVF header") }
            return
        }
        if header == nil {
            throw ElementError("ivfparse: the stream ended after \(pending.count) bytes, inside the 32-byte IVF header")
        }
        throw ElementError(
            "ivfparse: the stream ended at byte \(position + UInt64(pending.count)) inside frame \(frames), which starts at byte \(position)"
        )
    }

    /// Whether a frame can be decoded on its own.
    package static func isKeyframe(_ frame: ArraySlice<UInt8>, fourCC: String) -> Bool {
        guard let first = frame.first else { return false }
        switch fourCC {
        case "VP80":
            return first & 0x01 == 0
        case "VP90":
            guard first >> 6 == 2 else { return false }
            let profile = (first >> 5 & 1) | (first >> 3 & 2)
            let shift: UInt8 = profile == 3 ? 1 : 0
            if first >> (3 - shift) & 1 == 1 { return false }  // show_existing_frame
            return first >> (2 - shift) & 1 == 0
        default:
            // AV1: a temporal unit that starts a coded video sequence carries a sequence header OBU (type 1).
            var index = frame.startIndex
            while index < frame.endIndex {
                let obuHeader = frame[index]
                let type = obuHeader >> 3 & 0x0F
                if type == 1 { return true }
                var next = index + 1 + Int(obuHeader >> 2 & 1)
                guard obuHeader & 0x02 != 0 else { return false }
                var size = 0
                var shift = 0
                while next < frame.endIndex, shift < 56 {
                    let byte = frame[next]
                    size |= Int(byte & 0x7F) << shift
                    next += 1
                    shift += 7
                    if byte & 0x80 == 0 { break }
                }
                guard size <= frame.endIndex - next else { return false }
                index = next + size
            }
            return false
        }
    }

    private static func le(_ bytes: [UInt8], _ at: Int, _ count: Int) -> UInt64 {
        (0..<count).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (UInt64($1) * 8) }
    }
}
