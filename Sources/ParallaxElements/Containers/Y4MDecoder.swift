import ParallaxCore

/// `y4mdec`: reads a YUV4MPEG2 stream into raw video frames — GStreamer's y4mdec.
///
/// The stream header names the format (see `Y4MHeader`); each `FRAME` line (its parameters ignored) is followed
/// by the planes packed tight, which come out as one raw frame in GStreamer's layout (rows padded to 4 bytes),
/// one output per frame whatever the input buffers' sizes: a frame split over several buffers is put together,
/// several frames in one buffer go out one by one (`ctx.emit`). Frames are stamped from the frame rate
/// (`pts = n × D/N`, a duration of `D/N`) and numbered in `offset`.
///
/// Format discovery: `filesrc location=a.y4m ! y4mdec` reads the header before negotiation
/// (`StreamHeaderParsing`), so the src pad offers exactly the file's format and converters fit after it. At
/// run time the header is parsed again from the stream; a header that does not match the negotiated caps is an
/// error, as are a missing or malformed header, a frame that does not start with `FRAME`, and a stream that
/// ends inside a frame — each naming the byte position. Memory held is at most one frame plus one input buffer.
/// ```
/// parallax-launch filesrc location=in.y4m ! y4mdec ! videoconvert ! video/x-raw,format=RGBA ! fakesink
/// ```
/// Thread: `discoverFormat` on the control thread; `process` and `drain` on the segment's streaming thread.
public struct Y4MDecoder: StreamHeaderParsing, SendsOwnOutputs {
    /// `application/x-yuv4mpeg` (pad templates below).
    public typealias Input = AnyMedia
    /// Raw video (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and documentation, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "y4mdec", longName: "YUV4MPEG demuxer/decoder", klass: "Codec/Demuxer",
        description: "Demuxes/decodes YUV4MPEG streams")

    /// A YUV4MPEG2 byte stream in, planar YUV or grey out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink, caps: Caps("application/x-yuv4mpeg", [("y4mversion", .int(2))])),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps(
                    "video/x-raw",
                    [
                        ("format", .list(["I420", "Y42B", "Y41B", "Y444", "GRAY8", "I420_10LE"].map { .string($0) })),
                        ("width", .intRange(1...Int(Int32.max), step: 1)),
                        ("height", .intRange(1...Int(Int32.max), step: 1)),
                        ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
                    ])),
        ]
    }

    private static let frameMarker = Array("FRAME".utf8)

    private var discovered: Caps?
    private var negotiated: Caps?
    private var header: Y4MHeader?
    private var layout: PackedVideoLayout?
    private var pending: [UInt8] = []
    private var position: UInt64 = 0  // stream offset of the first byte not consumed yet
    private var frames: UInt64 = 0

    /// Added to a format mismatch when the header could not be read before negotiation.
    private static let notReadAhead =
        " (the header was not read before negotiation: only a filesrc, directly or through queues, can be read ahead)"

    /// A decoder (it has no properties).
    public init() {}

    /// The longest stream header accepted.
    public var headerPeekLength: Int { Y4MHeader.maximumLength }

    /// Reads the format from the file's header line.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        guard let (header, _) = try Y4MHeader.find(in: bytes[...]) else {
            throw ElementError("y4mdec: the stream ends inside its header (\(bytes.count) bytes, no end of line)")
        }
        guard header.layout != nil else {
            throw ElementError("y4mdec: a \(header.width)×\(header.height) frame is too large")
        }
        discovered = header.caps
    }

    /// The file's format once read ahead; otherwise any raw video of the template.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if direction == .sink { return discovered ?? Self.template(.src)!.caps }
        return Self.template(.sink)!.caps
    }

    /// Remembers the negotiated format, which the stream header must match.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        negotiated = output
    }

    /// One frame in GStreamer's layout.
    public func outputSize(for caps: Caps) -> Int? {
        guard let s = caps.structures.first, let format = s.string("format"), let width = s.int("width"),
            let height = s.int("height")
        else { return nil }
        return PackedVideoLayout(format: format, width: width, height: height)?.size
    }

    /// Starts a new stream, expecting a header.
    public mutating func start() throws(ElementError) {
        header = nil
        layout = nil
        pending = []
        position = 0
        frames = 0
    }

    /// Emits every frame completed by this input; keeps the rest for the next.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        var carry = pending
        pending = []
        let status: FlowStatus
        if carry.isEmpty {
            let input = ctx.withUnsafeInput { $0 }
            let (result, used) = try parse(input, &ctx)
            status = result
            if used < input.count { carry = Array(input[used...]) }
        } else {
            ctx.withUnsafeInput { carry.append(contentsOf: $0) }
            let (result, used) = try carry.withElementBytes { (bytes) throws(ElementError) in try parse(bytes, &ctx) }
            status = result
            carry.removeFirst(used)
        }
        pending = carry
        return status == .ok ? .dropped : status
    }

    /// Fails when the stream ended without a header or inside a frame.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard header != nil else {
            throw ElementError("y4mdec: the stream ended after \(pending.count) bytes, before the end of its header")
        }
        guard !pending.isEmpty, let layout else { return }
        throw ElementError(
            "y4mdec: the stream ends inside frame \(frames) at byte \(position): \(pending.count) bytes left, a "
                + "\(layout.width)×\(layout.height) \(layout.format) frame takes \(layout.packedSize) after its FRAME line"
        )
    }

    /// Parses whole items (the header, frames) from `bytes`; returns how far it got and the flow status.
    private mutating func parse(
        _ bytes: UnsafeRawBufferPointer, _ ctx: inout ProcessContext<Input, Output>
    ) throws(ElementError) -> (FlowStatus, Int) {
        var at = 0
        if header == nil {
            let head = Array(bytes.prefix(Y4MHeader.maximumLength))
            guard let (found, used) = try Y4MHeader.find(in: head[...]) else { return (.ok, 0) }
            try accept(found)
            at = used
            position += UInt64(used)
        }
        guard let layout else { return (.ok, at) }
        while at < bytes.count {
            let rest = UnsafeRawBufferPointer(rebasing: bytes[at...])
            let marker = Self.frameMarker
            guard rest.prefix(marker.count).elementsEqual(marker.prefix(rest.count)) else {
                throw ElementError(
                    "y4mdec: expected FRAME at byte \(position) (frame \(frames)), found \(Y4MHeader.quote(rest.prefix(8)))"
                )
            }
            guard let newline = rest.prefix(Y4MHeader.maximumLength).firstIndex(of: 0x0A) else {
                if rest.count >= Y4MHeader.maximumLength {
                    throw ElementError("y4mdec: the FRAME line at byte \(position) has no end of line")
                }
                return (.ok, at)
            }
            let total = newline + 1 + layout.packedSize
            guard rest.count >= total else { return (.ok, at) }
            var metadata = BufferMetadata(offset: frames, offsetEnd: frames + 1)
            if let rate = header?.framerate, rate.numerator > 0 {
                let n = UInt64(rate.numerator), d = UInt64(rate.denominator)
                metadata.pts = ClockTime.scale(frames * d, 1_000_000_000, n)
                metadata.duration = ClockTime.scale(d, 1_000_000_000, n)
            }
            if frames == 0 { metadata.flags.insert(.discont) }
            guard ctx.outputCapacity >= layout.size else {
                throw ElementError(
                    "y4mdec: an output of \(ctx.outputCapacity) bytes cannot hold a frame of \(layout.size)")
            }
            let planes = rest.baseAddress! + newline + 1
            let status = try ctx.emit(metadata: metadata) { output in
                layout.unpack(planes, into: output.baseAddress!)
                return layout.size
            }
            at += total
            position += UInt64(total)
            frames += 1
            if status != .ok { return (status, at) }
        }
        return (.ok, at)
    }

    /// Takes the stream header, checking it against the negotiated caps.
    private mutating func accept(_ found: Y4MHeader) throws(ElementError) {
        guard let layout = found.layout else {
            throw ElementError("y4mdec: a \(found.width)×\(found.height) frame is too large")
        }
        if let negotiated, let s = negotiated.structures.first {
            let agrees =
                s.string("format") == found.format && s.int("width") == found.width
                && s.int("height") == found.height && s.fraction("framerate") == found.framerate
            guard agrees else {
                throw ElementError(
                    "y4mdec: the stream header says \(found.format) \(found.width)×\(found.height) at "
                        + "\(found.framerate), but \(negotiated) was negotiated" + (discovered == nil ? Self.notReadAhead : ""))
            }
        }
        header = found
        self.layout = layout
    }
}
