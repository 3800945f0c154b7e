#if AV1
import ParallaxCore

/// `av1dec`: decodes AV1 temporal units into raw video with libdav1d — 8-bit streams to `I420`, 10-bit ones to
/// `I420_10LE` (4:2:0 only).
///
/// Output format: before negotiation the decoder reads the stream's sequence header (`StreamHeaderParsing`):
/// `filesrc location=a.ivf ! ivfparse ! av1dec` peeks the file through ivfparse (`StreamHeaderForwarding`), so
/// the src pad offers exactly the stream's size and format. Where the stream cannot be read ahead, the size and
/// frame rate come from the input caps and the bit depth from `bit-depth-luma` or an `av1C` `codec_data`, else
/// 8-bit; a stream that turns out different fails with an error saying so.
///
/// Timing: each input's pts and duration travel with it through dav1d (its data properties), so pictures come
/// out with their own timestamps even when frame threading delays them (up to `max-frame-delay` inputs go in
/// before the first picture comes out); outputs are sent with `ctx.emit`, and what dav1d still holds at end of
/// stream is drained. A missing duration is filled from the frame rate. `flush-stop` empties the decoder.
///
/// Errors: a frame dav1d cannot decode is reported with its number (an element message `av1dec-error`, with
/// `frame` and `message`) and decoding goes on: dav1d resumes at the next keyframe. More than `max-errors`
/// failures in a row, or a stream that ends without a single picture, fail the pipeline with an
/// `ElementError` naming the frame.
///
/// Decoder choice: `prefer=hardware` (the default) looks for a Vulkan device that decodes AV1 with Vulkan
/// Video, `prefer=software` goes straight to dav1d. Parallax has no Vulkan Video decoder yet, so dav1d decodes
/// either way; when decoding starts, av1dec posts which decoder it uses and why (`AV1DecoderChoice`) as an
/// element message `info` with a `text` field, which `parallax-launch -v` prints:
/// `/pipeline0/av1dec0: decoding with dav1d (software): no Vulkan device decodes AV1 (llvmpipe (…): no video
/// decode queue)`.
///
/// Each picture is copied once, plane by plane, into the output in GStreamer's layout (rows padded to 4 bytes,
/// padding zeroed): dav1d's own pictures are padded to 128 pixels, so it cannot decode into our buffers.
/// ```
/// parallax-launch filesrc location=in.ivf ! ivfparse ! av1dec n-threads=4 ! videoconvert ! autovideosink
/// ```
/// Thread: `discoverFormat` on the control thread; `process`, `drain` and `handleEvent` on the segment's
/// streaming thread.
public struct AV1Decoder: StreamHeaderParsing, SendsOwnOutputs {
    /// AV1 temporal units (pad templates below).
    public typealias Input = AnyMedia
    /// Raw video (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "av1dec", longName: "AV1 decoder (dav1d)", klass: "Codec/Decoder/Video",
        description: "Decodes AV1 video with libdav1d, and says which decoder it chose and why",
        properties: [
            .enumeration(
                "prefer", \.prefer, typeName: "ParallaxAV1DecoderPreference",
                "Decoder to look for first: hardware (Vulkan Video; none is built yet, so dav1d, with the reason posted) or software (dav1d)"
            ),
            .int("n-threads", \.threads, range: 0...256, "Number of threads dav1d uses (0 = one per core)"),
            .int(
                "max-frame-delay", \.maxFrameDelay, range: 0...256,
                "Most frames decoded in parallel before a picture must come out (0 = from n-threads, 1 = lowest latency)"
            ),
            .bool("apply-grain", \.applyGrain, "Apply the film grain the stream describes"),
            .int("operating-point", \.operatingPoint, range: 0...31, "Operating point of a scalable stream"),
            .bool(
                "all-layers", \.allLayers,
                "Output every spatial layer of a scalable stream, not only the highest (pictures then vary in size)"),
            .int(
                "max-errors", \.maxErrors, range: -1...Int64(Int32.max),
                "Frames in a row that may fail to decode before the element fails (-1 = never)"),
        ])

    /// Which decoder to look for first (`prefer`).
    public var prefer = AV1DecoderPreference.hardware
    /// The decoder chosen at `start()` and why; nil before.
    public private(set) var choice: AV1DecoderChoice?
    /// Threads for dav1d; 0 lets dav1d use one per logical core.
    public var threads = 0
    /// dav1d's frame delay; 0 derives it from the thread count.
    public var maxFrameDelay = 0
    /// Whether film grain is applied.
    public var applyGrain = true
    /// The operating point of a scalable stream.
    public var operatingPoint = 0
    /// Whether every spatial layer is output (dav1d's default is true; av1dec outputs one picture per temporal
    /// unit by default, as its caps have one size).
    public var allLayers = false
    /// Consecutive decoding failures allowed before the element fails; -1 for no limit.
    public var maxErrors = 10

    private var discovered: AV1PictureFormat?
    private var output: VideoInfo?
    private var session: Dav1dSession?
    private var inputs: Int64 = 0
    private var pictures: Int = 0
    private var failuresInARow = 0
    private var firstFailure: String?
    private var announced = false

    /// A decoder with every property at its default.
    public init() {}

    /// AV1 temporal units in; planar 4:2:0 out, 8-bit or 10-bit.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: AV1StreamCaps.temporalUnits),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps(
                    "video/x-raw",
                    [
                        ("format", .list([.string("I420"), .string("I420_10LE")])),
                        ("width", .intRange(1...Int(Int32.max), step: 1)),
                        ("height", .intRange(1...Int(Int32.max), step: 1)),
                        ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
                    ])),
        ]
    }

    /// The start of the first temporal unit: its sequence header comes first.
    public var headerPeekLength: Int { 4096 }

    /// Reads the picture size and bit depth from the first sequence header; fails for streams av1dec cannot
    /// output, leaves the format open when the bytes hold no sequence header.
    public mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
        guard let format = AV1PictureFormat(sequenceHeaderIn: bytes) else { return }
        guard format.rawFormat != nil else {
            throw ElementError(
                "av1dec: the stream is \(format.bitDepth)-bit\(format.is420 ? "" : ", not 4:2:0"); av1dec outputs 8-bit and 10-bit 4:2:0 only"
            )
        }
        discovered = format
    }

    /// The stream's format (read ahead, else from the input caps), with the frame rate of the input.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        guard direction == .sink else { return Self.template(.sink)?.caps ?? .empty }
        guard let template = Self.template(.src)?.caps.structures.first else { return .empty }
        if caps.isAny { return Caps([template]) }
        var result: [CapsStructure] = []
        for structure in caps.structures where structure.name == "video/x-av1" {
            var candidate = template
            if let discovered, let format = discovered.rawFormat {
                candidate["format"] = .string(format.name)
                candidate["width"] = .int(discovered.width)
                candidate["height"] = .int(discovered.height)
            } else {
                if let depth = AV1PictureFormat.bitDepth(in: structure) {
                    guard let format = AV1PictureFormat(width: 1, height: 1, bitDepth: depth).rawFormat else {
                        continue
                    }
                    candidate["format"] = .string(format.name)
                }
                if let width = structure["width"] { candidate["width"] = width }
                if let height = structure["height"] { candidate["height"] = height }
            }
            if let rate = structure["framerate"] { candidate["framerate"] = rate }
            if !result.contains(candidate) { result.append(candidate) }
        }
        return Caps(result)
    }

    /// One picture in the negotiated format.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Takes the negotiated picture format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = VideoInfo(caps: output), info.format == .i420 || info.format == .i420_10le else {
            throw ElementError(
                "av1dec: cannot output \(output?.description ?? "nothing"); it outputs I420 or I420_10LE")
        }
        self.output = info
    }

    /// Starts afresh; dav1d opens at the first temporal unit, with the properties as they are then.
    public mutating func start() throws(ElementError) {
        choice = AV1DecoderChoice.choose(prefer: prefer, vulkan: prefer == .software ? .notBuilt : AV1DecoderChoice.vulkanHere())
        announced = false
        session = nil
        inputs = 0
        pictures = 0
        failuresInARow = 0
        firstFailure = nil
    }

    /// Closes dav1d.
    public mutating func stop() {
        session = nil
    }

    /// Empties the decoder on `flush-stop`; decoding restarts at the next keyframe.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if event == .flushStop {
            session?.flush()
            failuresInARow = 0
        }
        return .forward
    }

    /// Feeds one temporal unit and sends every picture dav1d has ready.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if !announced, let choice {
            announced = true
            ctx.post(CapsStructure("info", [
                ("text", .string(choice.text)), ("decoder", .string(choice.decoder)), ("hardware", .bool(choice.hardware)),
            ]))
        }
        let decoder = try openSession()
        let frame = inputs
        inputs += 1
        let metadata = ctx.metadata
        let queued = ctx.withUnsafeInput {
            decoder.queue($0, frame: frame, pts: metadata.pts, duration: metadata.duration)
        }
        guard queued else { return .dropped }
        // dav1d refuses new data while it holds a picture to take; each refusal is answered by taking one, which
        // also consumes what it held, so this ends within a few rounds. The bound guards against a library bug.
        for _ in 0..<64 {
            switch decoder.feed() {
            case .done:
                return try sendPictures(&ctx, decoder, draining: false)
            case .full:
                let status = try sendPictures(&ctx, decoder, draining: false)
                if status != .dropped { return status }
            case .failed(let failed, let code):
                try recordFailure(&ctx, frame: failed ?? frame, code: code)
                return try sendPictures(&ctx, decoder, draining: false)
            }
        }
        throw ElementError("av1dec: dav1d did not take frame \(frame)")
    }

    /// Sends what dav1d still holds; fails when the stream ended without a picture.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard let decoder = session else { return }
        _ = try sendPictures(&ctx, decoder, draining: true)
        guard pictures == 0, inputs > 0 else { return }
        if let firstFailure {
            throw ElementError("av1dec: the stream ended without a decodable frame (\(firstFailure))")
        }
        throw ElementError(
            "av1dec: the stream ended after \(inputs) temporal units without a sequence header: no frame could be decoded"
        )
    }

    // MARK: - Decoding

    private mutating func openSession() throws(ElementError) -> Dav1dSession {
        if let session { return session }
        let opened = try Dav1dSession(
            threads: threads, maxFrameDelay: maxFrameDelay, applyGrain: applyGrain, operatingPoint: operatingPoint,
            allLayers: allLayers)
        session = opened
        return opened
    }

    /// Emits the next picture dav1d has ready, or every picture it holds when `draining`. Returns `.dropped`
    /// while downstream takes them, otherwise downstream's answer.
    ///
    /// Outside draining only one is asked for: a second `dav1d_get_picture` in a row waits for the frames in
    /// flight (dav1d takes it as draining), which would serialise frame threading. A temporal unit showing
    /// two frames leaves the second for the next call, as ffmpeg's libdav1d wrapper does.
    private mutating func sendPictures(
        _ ctx: inout ProcessContext<Input, Output>, _ decoder: Dav1dSession, draining: Bool
    ) throws(ElementError) -> FlowStatus {
        // dav1d reports each failure once; the bound only guards against a decoder that never says "no more".
        for _ in 0..<4096 {
            switch decoder.nextPicture() {
            case .success(nil):
                // Draining, dav1d answers "again" only once it holds nothing more.
                return .dropped
            case .failure(let failure):
                try recordFailure(&ctx, frame: failure.frame, code: failure.code)
                if !draining { return .dropped }
            case .success(var picture?):
                defer { decoder.release(&picture) }
                let status = try send(&ctx, picture)
                if status != .ok { return status }
                if !draining { return .dropped }
            }
        }
        throw ElementError("av1dec: dav1d kept returning pictures or errors after frame \(inputs - 1)")
    }

    /// Copies one picture into an output and sends it.
    private mutating func send(_ ctx: inout ProcessContext<Input, Output>, _ picture: Dav1dSession.Picture)
        throws(ElementError) -> FlowStatus
    {
        guard let info = output else { throw ElementError("av1dec: a picture came out before negotiation") }
        let format = AV1PictureFormat(
            width: picture.width, height: picture.height, bitDepth: picture.bitsPerComponent, is420: picture.is420)
        guard format.rawFormat == info.format, format.width == info.width, format.height == info.height else {
            let hint =
                discovered == nil
                ? " (the sequence header was not read before negotiation: only a filesrc, directly or through ivfparse and queues, can be read ahead)"
                : ""
            throw ElementError(
                "av1dec: frame \(picture.frame) is \(format.summary), but \(info.width)×\(info.height) \(info.format.name) was negotiated\(hint)"
            )
        }
        failuresInARow = 0
        var metadata = BufferMetadata(
            pts: picture.pts, duration: picture.duration ?? Self.frameDuration(info.framerate))
        metadata.offset = UInt64(pictures)
        pictures += 1
        return try ctx.emit(metadata: metadata) { out in
            guard let base = out.baseAddress, out.count >= info.size else { return 0 }
            Self.copyPlanes(picture, into: base, info)
            return info.size
        }
    }

    /// Counts a frame dav1d could not decode: reported on the bus, fatal past `max-errors` in a row.
    private mutating func recordFailure(_ ctx: inout ProcessContext<Input, Output>, frame: Int64?, code: Int32)
        throws(ElementError)
    {
        let detail = session?.takeLog().map { ": " + $0 } ?? ""
        let text = "could not decode frame \(frame.map(String.init) ?? "?") (\(Dav1dSession.reason(code))\(detail))"
        failuresInARow += 1
        if firstFailure == nil { firstFailure = text }
        if maxErrors >= 0, failuresInARow > maxErrors {
            throw ElementError(
                "av1dec: \(text); \(failuresInARow) frames in a row failed, more than max-errors=\(maxErrors)")
        }
        ctx.post(
            CapsStructure("av1dec-error", [("frame", .int(Int(frame ?? -1))), ("message", .string("av1dec: " + text))]))
    }

    /// `1/framerate`, nil for a variable rate.
    private static func frameDuration(_ rate: Fraction) -> ClockTime? {
        guard rate.numerator > 0, rate.denominator > 0 else { return nil }
        return ClockTime.scale(1_000_000_000, UInt64(rate.denominator), UInt64(rate.numerator))
    }

    /// Copies the three planes row by row into `destination` in `info`'s layout, zeroing row padding and the
    /// extra luma row an odd height leaves.
    private static func copyPlanes(
        _ picture: Dav1dSession.Picture, into destination: UnsafeMutableRawPointer, _ info: VideoInfo
    ) {
        let sampleSize = info.format == .i420_10le ? 2 : 1
        let width = info.width, height = info.height
        let chromaWidth = (width + 1) / 2, chromaHeight = (height + 1) / 2
        let source = picture.planes
        let planes: [(UnsafeMutableRawPointer?, Int, Int, Int)] = [
            (source[0].base, source[0].stride, width, height),
            (source[1].base, source[1].stride, chromaWidth, chromaHeight),
            (source[2].base, source[2].stride, chromaWidth, chromaHeight),
        ]
        for (index, (plane, sourceStride, planeWidth, rows)) in planes.enumerated() {
            guard let plane else { continue }
            let stride = info.strides[index]
            let bytes = planeWidth * sampleSize
            let target = destination + info.offsets[index]
            for row in 0..<rows {
                let line = target + row * stride
                line.copyMemory(from: plane + row * sourceStride, byteCount: bytes)
                if stride > bytes {
                    (line + bytes).initializeMemory(as: UInt8.self, repeating: 0, count: stride - bytes)
                }
            }
            let planeEnd = index == 0 ? info.offsets[1] : index == 1 ? info.offsets[2] : info.size
            let written = info.offsets[index] + rows * stride
            if planeEnd > written {
                (destination + written).initializeMemory(as: UInt8.self, repeating: 0, count: planeEnd - written)
            }
        }
    }
}
#endif  // AV1
