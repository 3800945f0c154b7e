import ParallaxCore

/// `av1parse`: frames an AV1 stream into temporal units — GStreamer's av1parse.
///
/// Takes `video/x-av1` as low-overhead OBUs (`stream-format=obu-stream`, any alignment, or a plain byte stream
/// from `filesrc`) or Annex B (`stream-format=annexb`); without a `stream-format` in the caps the first bytes
/// decide (Annex B when they read as an Annex B unit's sizes around a temporal delimiter). Outputs
/// `stream-format=obu-stream` with every OBU carrying its size field, one temporal unit per buffer
/// (`alignment=tu`, preferred) or one OBU per buffer (`alignment=obu`, when downstream asks for it), or Annex B
/// temporal units when downstream asks for `stream-format=annexb`. A unit that does not begin with a temporal
/// delimiter gets one. Units carry `BufferFlags.deltaUnit` unless they hold a sequence header or a shown key frame. The sequence
/// header gives the caps `profile`, `level`, `tier`, `chroma-format`, `bit-depth-luma`/`-chroma`, `width` and
/// `height` when it can be read ahead from `filesrc`; otherwise the upstream caps' fields pass through.
///
/// Each unit takes the timestamps of the input buffer it begins in (later units beginning in the same buffer
/// follow one frame duration apart when the frame rate is known, and go untimed otherwise). Malformed input
/// (a set forbidden bit, an invalid or oversized LEB128 size, a temporal delimiter with a payload, a stream
/// ending inside an OBU) fails the pipeline with the byte position; nothing larger than an output buffer is kept.
/// ```
/// parallax-launch filesrc location=a.obu ! av1parse ! matroskamux ! filesink location=a.mkv
/// ```
/// Thread: `discoverFormat` on the control thread; `process` and `drain` on its segment's streaming thread.
public struct AV1Parse: StreamHeaderParsing, SendsOwnOutputs {
    /// AV1 in any framing.
    public typealias Input = AnyMedia
    /// AV1 in the low-overhead format.
    public typealias Output = AnyMedia

    /// The factory name, as GStreamer names it.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "av1parse", longName: "AV1 parser", klass: "Codec/Parser/Converter/Video",
        description: "Parses AV1 streams into temporal units or OBUs")

    /// The largest output when the caps give no frame size.
    static let defaultCapacity = 4 << 20

    private var discovered: Caps?
    private var inputFormat = AV1StreamParser.Format.detect
    private var inputIsUnitAligned = false
    private var outputsOBUs = false
    private var outputsAnnexB = false
    private var capacity = Self.defaultCapacity
    private var frameDuration: ClockTime?
    private var parser = AV1StreamParser(format: .detect, limit: Self.defaultCapacity)
    /// Input buffers not yet wholly parsed: their stream offset, metadata, and whether a unit took their times.
    private var inputs: [(offset: Int, metadata: BufferMetadata, used: Bool)] = []
    private var streamOffset = 0
    private var lastPTS: ClockTime?

    /// A parser.
    public init() {}

    /// Any AV1 in; obu-stream out, aligned to temporal units or OBUs.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("video/x-av1")),
            PadTemplate(name: "src", direction: .src, caps: outputCaps([])),
        ]
    }

    /// obu-stream aligned to units or OBUs (preferred), then Annex B units, each with `fields` added.
    private static func outputCaps(_ fields: [(String, CapsValue)]) -> Caps {
        Caps([
            CapsStructure(
                "video/x-av1",
                [
                    ("stream-format", .string("obu-stream")), ("alignment", .list([.string("tu"), .string("obu")])),
                    ("parsed", .bool(true)),
                ] + fields),
            CapsStructure(
                "video/x-av1",
                [("stream-format", .string("annexb")), ("alignment", .string("tu")), ("parsed", .bool(true))] + fields),
        ])
    }

    /// How far into the stream the sequence header is looked for before negotiation.
    public var headerPeekLength: Int { 4096 }

    /// Reads the sequence header from the stream's first bytes, for the caps.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        var parser = AV1StreamParser(format: .detect, limit: Self.defaultCapacity)
        bytes.withUnsafeBytes { parser.append($0) }
        do throws(AV1StreamProblem) {
            while try parser.next() != nil, parser.sequenceHeader == nil {}
            if parser.sequenceHeader == nil, parser.format == .annexB || bytes.count < headerPeekLength {
                _ = try parser.finish()
            }
        } catch {
            switch error {
            case .truncatedOBU, .truncatedUnit: break
            default: throw ElementError("av1parse: \(error)")
            }
        }
        let found =
            parser.sequenceHeader ?? (parser.format == .annexB ? AV1StreamParser.annexBSequenceHeader(in: bytes) : nil)
        guard let header = found else { return }
        discovered = Self.outputCaps(header.capsFields)
    }

    /// The discovered caps, or the upstream's with the output framing.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .sink else { return Self.template(.sink)?.caps ?? .empty }
        if let discovered { return discovered }
        let template = Self.template(.src)?.caps ?? .empty
        if caps.isAny { return template }
        return Caps(
            caps.structures.map { structure in
                let kept = structure.fields.filter { !["stream-format", "alignment", "parsed"].contains($0.0) }
                return Self.outputCaps(kept).structures
            }.flatMap { $0 }
        ).intersection(template)
    }

    /// Temporal units unless downstream asks for OBUs.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        guard direction == .src, let first = caps.structures.first, case .list(let values)? = first["alignment"],
            values.contains(.string("tu"))
        else { return caps.fixated() }
        var structure = first
        structure["alignment"] = .string("tu")
        return Caps([structure]).fixated()
    }

    /// Room for a temporal unit: three bytes per pixel and 64 KiB with a size in the caps, 4 MiB without.
    public func outputSize(for caps: Caps) -> Int? {
        guard let s = caps.structures.first, let width = s.int("width"), let height = s.int("height"), width > 0,
            height > 0, width <= 1 << 16, height <= 1 << 16
        else { return Self.defaultCapacity }
        return width * height * 3 + 65536
    }

    /// Learns the input framing and the output alignment.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        let inStructure = input?.structures.first
        switch inStructure?.string("stream-format") {
        case "obu-stream"?: inputFormat = .obuStream
        case "annexb"?: inputFormat = .annexB
        case nil: inputFormat = .detect
        case let other?: throw ElementError("av1parse: stream-format=\(other) is not obu-stream or annexb")
        }
        inputIsUnitAligned = inputFormat == .obuStream && inStructure?.string("alignment") == "tu"
        outputsOBUs = output?.structures.first?.string("alignment") == "obu"
        outputsAnnexB = output?.structures.first?.string("stream-format") == "annexb"
        capacity = output.flatMap { outputSize(for: $0) } ?? Self.defaultCapacity
        if case .fraction(let rate)? = inStructure?["framerate"] ?? output?.structures.first?["framerate"],
            rate.numerator > 0, rate.denominator > 0
        {
            frameDuration = ClockTime.scale(1_000_000_000, UInt64(rate.denominator), UInt64(rate.numerator))
        } else {
            frameDuration = nil
        }
        reset()
    }

    /// Starts a new stream.
    public mutating func start() throws(ElementError) { reset() }

    private mutating func reset() {
        parser = AV1StreamParser(format: inputFormat, limit: capacity)
        inputs = []
        streamOffset = 0
        lastPTS = nil
    }

    /// Parses the bytes and sends on every complete temporal unit.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        inputs.append((streamOffset, ctx.metadata, false))
        streamOffset += ctx.inputLength
        ctx.withUnsafeInput { parser.append($0) }
        var units: [AV1TemporalUnit] = []
        do throws(AV1StreamProblem) {
            while let unit = try parser.next() { units.append(unit) }
            if inputIsUnitAligned, let unit = try parser.endOfUnit() { units.append(unit) }
        } catch {
            throw ElementError("av1parse: \(error)")
        }
        for unit in units {
            let status = try send(unit, &ctx)
            if status != .ok { return status }
        }
        return .dropped
    }

    /// Sends the last temporal unit.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        let unit: AV1TemporalUnit?
        do throws(AV1StreamProblem) { unit = try parser.finish() } catch { throw ElementError("av1parse: \(error)") }
        if let unit { _ = try send(unit, &ctx) }
    }

    /// Emits a unit whole or OBU by OBU.
    private mutating func send(_ unit: AV1TemporalUnit, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> FlowStatus
    {
        let metadata = timing(of: unit)
        if outputsAnnexB {
            return try emit(unit.annexB[...], metadata, &ctx)
        }
        if !outputsOBUs {
            return try emit(unit.withDelimiter[...], metadata, &ctx)
        }
        if !unit.hasDelimiter {
            let status = try emit(AV1OBU.temporalDelimiter[...], metadata, &ctx)
            if status != .ok { return status }
        }
        for range in unit.obus {
            let status = try emit(unit.bytes[range], metadata, &ctx)
            if status != .ok { return status }
        }
        return .ok
    }

    private func emit(
        _ bytes: ArraySlice<UInt8>, _ metadata: BufferMetadata, _ ctx: inout ProcessContext<Input, Output>
    )
        throws(ElementError) -> FlowStatus
    {
        var capacity = 0
        let status = try ctx.emit(metadata: metadata) { out in
            capacity = out.count
            guard bytes.count <= out.count else { return 0 }
            bytes.withUnsafeBytes { out.copyMemory(from: $0) }
            return bytes.count
        }
        guard bytes.count <= capacity else {
            throw ElementError("av1parse: a temporal unit of \(bytes.count) bytes exceeds the \(capacity)-byte output")
        }
        return status
    }

    /// The unit's timestamps: those of the input buffer it begins in, for the first unit beginning there.
    private mutating func timing(of unit: AV1TemporalUnit) -> BufferMetadata {
        while inputs.count > 1, inputs[1].offset <= unit.start { inputs.removeFirst() }
        var metadata = BufferMetadata()
        if let index = inputs.indices.first, !inputs[index].used, let pts = inputs[index].metadata.pts {
            inputs[index].used = true
            metadata.pts = pts
            metadata.dts = inputs[index].metadata.dts
            metadata.duration = inputs[index].metadata.duration ?? frameDuration
        } else if let last = lastPTS, let frameDuration {
            metadata.pts = last + frameDuration
            metadata.duration = frameDuration
        }
        lastPTS = metadata.pts
        if !unit.isKeyFrame { metadata.flags.insert(.deltaUnit) }
        return metadata
    }
}
