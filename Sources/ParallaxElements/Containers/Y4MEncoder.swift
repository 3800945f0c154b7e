import ParallaxCore

/// `y4menc`: writes raw video as a YUV4MPEG2 stream — GStreamer's y4menc, byte for byte.
///
/// The first output starts with the stream header, then every frame is `FRAME\n` followed by its planes packed
/// tight (row padding dropped):
/// ```
/// YUV4MPEG2 C420 W64 H48 Ip F30:1 A1:1\n FRAME\n [Y 64×48][U 32×24][V 32×24] FRAME\n …
/// ```
/// Formats: I420 and IYUV (`C420`), Y42B (`C422`), Y41B (`C411`), Y444 (`C444`), as GStreamer 1.22, and GRAY8
/// (`Cmono`, which ffmpeg and mjpegtools read). Interlaced caps give `It`/`Ib`, the pixel aspect ratio `A`.
/// ```
/// parallax-launch videotestsrc num-buffers=30 ! video/x-raw,format=I420 ! y4menc ! filesink location=out.y4m
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct Y4MEncoder: Transform {
    /// Raw video (pad templates below).
    public typealias Input = AnyMedia
    /// `application/x-yuv4mpeg` (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and documentation, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "y4menc", longName: "YUV4MPEG video encoder", klass: "Codec/Encoder/Video",
        description: "Encodes a YUV frame into the yuv4mpeg format (mjpegtools)")

    /// Planar YUV and grey in, a YUV4MPEG2 byte stream out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps(
                    "video/x-raw",
                    [
                        ("format", .list(Y4MHeader.chromaTags.map { .string($0.format) })),
                        ("width", .intRange(1...Int(Int32.max), step: 1)),
                        ("height", .intRange(1...Int(Int32.max), step: 1)),
                        ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
                    ])),
            PadTemplate(name: "src", direction: .src, caps: Caps("application/x-yuv4mpeg", [("y4mversion", .int(2))])),
        ]
    }

    private var header: Y4MHeader?
    private var layout: PackedVideoLayout?
    private var frames = 0

    /// An encoder (it has no properties).
    public init() {}

    /// Learns the frame layout and the header to write.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let structure = input?.structures.first, let format = structure.string("format"),
            let width = structure.int("width"), let height = structure.int("height"),
            Y4MHeader.chromaTags.contains(where: { $0.format == format })
        else { throw ElementError("y4menc: the input caps \(input?.description ?? "none") are not planar YUV video") }
        let mode = structure.string("interlace-mode") ?? "progressive"
        let topFirst = structure.string("field-order") == "top-field-first"
        let header = Y4MHeader(
            format: format, width: width, height: height, framerate: structure.fraction("framerate") ?? Fraction(0, 1),
            pixelAspectRatio: structure.fraction("pixel-aspect-ratio") ?? Fraction(1, 1),
            interlacing: mode == "progressive" ? "p" : topFirst ? "t" : "b")
        guard let layout = header.layout else {
            throw ElementError("y4menc: a \(width)×\(height) frame is too large")
        }
        self.header = header
        self.layout = layout
    }

    /// Starts a new stream: the next frame carries the header again.
    public mutating func start() throws(ElementError) { frames = 0 }

    /// Room for the header, the frame marker and one packed frame.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        layout.map { $0.packedSize + Y4MHeader.maximumLength + 6 }
    }

    /// Writes the header (first frame only), `FRAME\n` and the packed planes.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let header, let layout else { throw ElementError("y4menc: not negotiated") }
        guard ctx.inputLength >= layout.size else {
            throw ElementError(
                "y4menc: frame \(frames) is \(ctx.inputLength) bytes, a \(layout.width)×\(layout.height) "
                    + "\(layout.format) frame needs \(layout.size)")
        }
        let prefix = (frames == 0 ? header.line : []) + Array("FRAME\n".utf8)
        let total = prefix.count + layout.packedSize
        guard total <= ctx.outputCapacity else {
            throw ElementError("y4menc: an output of \(ctx.outputCapacity) bytes cannot hold a frame of \(total)")
        }
        let input = ctx.withUnsafeInput { $0 }
        ctx.withUnsafeOutput { output in
            prefix.withUnsafeBytes { output.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            layout.pack(input.baseAddress!, into: output.baseAddress! + prefix.count)
        }
        ctx.outputLength = total
        frames += 1
        return .ok
    }
}
