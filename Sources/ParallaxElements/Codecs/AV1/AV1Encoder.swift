#if AV1
import ParallaxCore

/// `av1enc`: encodes raw 4:2:0 video to AV1 with rav1e — the properties of GStreamer's `rav1enc`.
///
/// Each output is one temporal unit in the low-overhead bitstream format (`stream-format=obu-stream,
/// alignment=tu`): a temporal delimiter, then (in key-frame units) the sequence header, then the frame OBUs, all
/// with size fields — what `ivfmux`, `matroskamux` and `webmmux` take. rav1e looks ahead and reorders, so an input
/// may give no output and later inputs several; each output carries the timestamps of the input frame it shows,
/// key frames without `BufferFlags.deltaUnit`, other frames with it. At end of stream the encoder is flushed.
///
/// Rate control: `quantizer` (0–255, constant quantizer) unless `bitrate` (kbit/s) is set. `threads` 0 lets rav1e
/// use every core; `tiles` 0 lets it choose.
/// ```
/// parallax-launch videotestsrc num-buffers=60 ! video/x-raw,format=I420,width=640,height=360 ! av1enc speed-preset=8 ! ivfmux ! filesink location=a.ivf
/// ```
/// Thread: `process` and `drain` on its segment's streaming thread; rav1e may use worker threads of its own.
public struct AV1Encoder: Transform, SendsOwnOutputs {
    /// Raw video (pad templates below).
    public typealias Input = AnyMedia
    /// AV1 temporal units (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer's rav1enc names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "av1enc", longName: "AV1 encoder (rav1e)", klass: "Codec/Encoder/Video",
        description: "Encodes raw video to AV1 with rav1e",
        properties: [
            .uint("speed-preset", \.speedPreset, range: 0...10, "Speed preset (10 fastest, 0 slowest)"),
            .uint("quantizer", \.quantizer, range: 0...255, "Quantizer (0 best, 255 worst) when bitrate is 0"),
            .uint("bitrate", \.bitrate, range: 0...2_000_000, "Target bitrate in kbit/s (0 = constant quantizer)"),
            .uint(
                "min-key-frame-interval", \.minKeyFrameInterval, range: 0...1_000_000,
                "Minimum distance between key frames, in frames"),
            .uint(
                "max-key-frame-interval", \.maxKeyFrameInterval, range: 0...1_000_000,
                "Maximum distance between key frames, in frames (0 = only the first)"),
            .uint("tiles", \.tiles, range: 0...4096, "Number of tiles (0 = chosen by rav1e)"),
            .uint("tile-cols", \.tileColumns, range: 0...64, "Tile columns, a power of two (0 = automatic)"),
            .uint("tile-rows", \.tileRows, range: 0...64, "Tile rows, a power of two (0 = automatic)"),
            .uint("threads", \.threads, range: 0...256, "Encoder threads (0 = one per core)"),
            .bool("low-latency", \.lowLatency, "Low latency mode: no frame reordering"),
            .int(
                "rdo-lookahead-frames", \.rdoLookaheadFrames, range: -1...1_000,
                "Frames read ahead for rate-distortion decisions (-1 = rav1e's default for the speed)"),
        ])

    /// rav1e's speed preset, 0 (slowest) to 10 (fastest); default 6.
    public var speedPreset: UInt64 = 6
    /// The constant quantizer, 0–255; default 100.
    public var quantizer: UInt64 = 100
    /// The target bitrate in kbit/s; 0 (default) encodes at `quantizer`.
    public var bitrate: UInt64 = 0
    /// The shortest key-frame distance; default 12.
    public var minKeyFrameInterval: UInt64 = 12
    /// The longest key-frame distance; default 240.
    public var maxKeyFrameInterval: UInt64 = 240
    /// Total tiles (0: rav1e decides).
    public var tiles: UInt64 = 0
    /// Tile columns (0: automatic).
    public var tileColumns: UInt64 = 0
    /// Tile rows (0: automatic).
    public var tileRows: UInt64 = 0
    /// Worker threads (0: one per core).
    public var threads: UInt64 = 0
    /// Whether frames are coded in order, without lookahead reordering.
    public var lowLatency = false
    /// The RDO lookahead in frames, -1 for rav1e's default.
    public var rdoLookaheadFrames = -1

    /// The raw formats taken: name, bit depth. A 16-bit-sample format adds a row here (bytes per sample follow
    /// from the bit depth).
    static let formats: [(name: String, bitDepth: Int)] = [("I420", 8), ("I420_10LE", 10)]

    private var info: VideoInfo?
    private var bitDepth = 8
    private var colour = AV1Colour(colorimetry: nil)
    private var session: Rav1eSession?
    /// The metadata of frames sent and not yet out, by rav1e's input frame number.
    private var pending: [UInt64: BufferMetadata] = [:]
    private var framesSent: UInt64 = 0

    /// An encoder with rav1enc's defaults.
    public init() {}

    /// Raw 4:2:0 video in, AV1 temporal units out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))] + sizeFields)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-av1", streamFields + sizeFields)),
        ]
    }

    private static var sizeFields: [(String, CapsValue)] {
        [
            ("width", .intRange(1...65536, step: 1)), ("height", .intRange(1...65536, step: 1)),
            ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
        ]
    }

    private static var streamFields: [(String, CapsValue)] {
        [
            ("stream-format", .string("obu-stream")), ("alignment", .string("tu")), ("profile", .string("main")),
            ("chroma-format", .string("4:2:0")),
        ]
    }

    /// AV1 of the input's size and rate (and back: raw video of the output's size and rate).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let other = Self.template(direction == .sink ? .src : .sink)?.caps ?? .empty
        if caps.isAny { return other }
        return Caps(
            caps.structures.map { structure in
                var fields: [(String, CapsValue)] = []
                for name in ["width", "height", "framerate"] {
                    if let value = structure[name] { fields.append((name, value)) }
                }
                if direction == .sink {
                    let depth = structure.string("format").flatMap { name in
                        Self.formats.first { $0.name == name }?.bitDepth
                    }
                    let depths: [(String, CapsValue)] =
                        depth.map { [("bit-depth-luma", .int($0)), ("bit-depth-chroma", .int($0))] } ?? []
                    return CapsStructure("video/x-av1", Self.streamFields + fields + depths)
                }
                let format = Self.formats.map { CapsValue.string($0.name) }
                return CapsStructure("video/x-raw", [("format", .list(format))] + fields)
            }
        ).intersection(other)
    }

    /// Opens rav1e for the negotiated size, rate and depth.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = VideoInfo(caps: input),
            let format = Self.formats.first(where: { $0.name == info.format.name })
        else {
            throw ElementError("av1enc: the input caps \(input?.description ?? "none") are not I420 or I420_10LE video")
        }
        self.info = info
        bitDepth = format.bitDepth
        colour = AV1Colour(colorimetry: input.structures.first?.string("colorimetry"))
        try open()
    }

    /// Opens rav1e again after a stop, for the format negotiated before.
    public mutating func start() throws(ElementError) {
        if session == nil, info != nil { try open() }
    }

    private mutating func open() throws(ElementError) {
        guard let info else { return }
        let rate = info.framerate
        session = try Rav1eSession(
            width: info.width, height: info.height, bitDepth: bitDepth,
            timeBase: rate.numerator > 0 && rate.denominator > 0
                ? (UInt64(rate.denominator), UInt64(rate.numerator)) : nil,
            colour: colour, settings: settings)
        pending = [:]
        framesSent = 0
    }

    /// The properties as rav1e configuration keys.
    var settings: [(String, String)] {
        var settings: [(String, String)] = [
            ("speed", String(speedPreset)), ("quantizer", String(quantizer)),
            ("min_key_frame_interval", String(minKeyFrameInterval)),
            ("key_frame_interval", String(maxKeyFrameInterval)), ("low_latency", lowLatency ? "true" : "false"),
        ]
        if bitrate > 0 { settings.append(("bitrate", String(bitrate * 1000))) }
        if tiles > 0 { settings.append(("tiles", String(tiles))) }
        if tileColumns > 0 { settings.append(("tile_cols", String(tileColumns))) }
        if tileRows > 0 { settings.append(("tile_rows", String(tileRows))) }
        if threads > 0 { settings.append(("threads", String(threads))) }
        if rdoLookaheadFrames >= 0 { settings.append(("rdo_lookahead_frames", String(rdoLookaheadFrames))) }
        return settings
    }

    /// Room for a temporal unit at its worst: a hidden frame and a shown one, each about a raw frame.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        guard let info else { return nil }
        return 2 * info.size + 4096
    }

    /// Closes rav1e.
    public mutating func stop() {
        session = nil
        pending = [:]
    }

    /// Sends the frame to rav1e and hands on the temporal units it has ready (none while it looks ahead).
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info, let session else { throw ElementError("av1enc: not negotiated") }
        guard ctx.inputLength >= info.size else {
            throw ElementError(
                "av1enc: a frame of \(ctx.inputLength) bytes is smaller than \(info.width)×\(info.height) "
                    + "\(info.format.name) (\(info.size) bytes)")
        }
        let bytesPerSample = bitDepth > 8 ? 2 : 1
        let planes = ctx.withUnsafeInput { input in
            info.offsets.indices.map { index in
                let end = index + 1 < info.offsets.count ? info.offsets[index + 1] : info.size
                return Rav1eSession.Plane(
                    bytes: UnsafeRawBufferPointer(rebasing: input[info.offsets[index]..<end]),
                    stride: info.strides[index], bytesPerSample: bytesPerSample)
            }
        }
        pending[framesSent] = ctx.metadata
        framesSent += 1
        var status = FlowStatus.ok
        while try session.send(planes) == .full {
            // rav1e's queue is full: take what it has coded, then the frame goes in.
            status = try emitReady(session, &ctx)
            guard status == .ok else { return status }
        }
        return try deliverReady(session, &ctx)
    }

    /// Flushes rav1e: the frames it still held go out.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard let session else { return }
        try session.finish()
        _ = try emitReady(session, &ctx)
    }

    /// Emits every packet rav1e has ready.
    private mutating func emitReady(_ session: Rav1eSession, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> FlowStatus
    {
        while let packet = try session.receive() {
            defer { session.release(packet) }
            let metadata = try metadata(of: packet)
            let bytes = packet.bytes
            var capacity = 0
            let status = try ctx.emit(metadata: metadata) { out in
                capacity = out.count
                guard bytes.count <= out.count else { return 0 }
                out.copyMemory(from: bytes)
                return bytes.count
            }
            guard bytes.count <= capacity else { throw tooLarge(packet, capacity) }
            guard status == .ok else { return status }
        }
        return .ok
    }

    /// Hands on the packets rav1e has ready: all but the last emitted, the last as this call's output.
    private mutating func deliverReady(_ session: Rav1eSession, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> FlowStatus
    {
        var held: Rav1eSession.Packet?
        while let packet = try session.receive() {
            if let previous = held {
                defer { session.release(previous) }
                let metadata = try metadata(of: previous)
                let bytes = previous.bytes
                guard bytes.count <= ctx.outputCapacity else { throw tooLarge(previous, ctx.outputCapacity) }
                let status = try ctx.emit(metadata: metadata) { out in
                    out.copyMemory(from: bytes)
                    return bytes.count
                }
                if status != .ok {
                    session.release(packet)
                    return status
                }
            }
            held = packet
        }
        guard let last = held else { return .dropped }
        defer { session.release(last) }
        let bytes = last.bytes
        guard bytes.count <= ctx.outputCapacity else { throw tooLarge(last, ctx.outputCapacity) }
        ctx.metadata = try metadata(of: last)
        ctx.withUnsafeOutput { $0.copyMemory(from: bytes) }
        ctx.outputLength = bytes.count
        return .ok
    }

    /// The timestamps of the input frame the packet shows, flagged as a delta unit unless a key frame.
    private mutating func metadata(of packet: Rav1eSession.Packet) throws(ElementError) -> BufferMetadata {
        guard var metadata = pending.removeValue(forKey: packet.frameNumber) else {
            throw ElementError("av1enc: rav1e returned frame \(packet.frameNumber), which was never sent")
        }
        metadata.offset = nil
        metadata.offsetEnd = nil
        metadata.flags.remove([.header, .marker, .gap])
        if packet.isKeyFrame { metadata.flags.remove(.deltaUnit) } else { metadata.flags.insert(.deltaUnit) }
        return metadata
    }

    private func tooLarge(_ packet: Rav1eSession.Packet, _ capacity: Int) -> ElementError {
        ElementError(
            "av1enc: a temporal unit of \(packet.bytes.count) bytes (frame \(packet.frameNumber)) exceeds the "
                + "\(capacity)-byte output")
    }
}
#endif  // AV1
