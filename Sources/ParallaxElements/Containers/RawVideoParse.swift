import ParallaxCore

/// `rawvideoparse`: cuts a byte stream of raw frames (a `.yuv` dump) into timestamped video frames —
/// GStreamer's rawvideoparse, configured by its properties.
///
/// Each frame in the stream is `frame-size` bytes (0: the frame's own size), its planes at `plane-offsets`
/// with rows `plane-strides` apart (default: GStreamer's layout for `format`, `width` and `height`, rows
/// padded to 4 bytes). Every frame goes out in GStreamer's layout, one output per frame whatever the input
/// buffers' sizes (`ctx.emit`), stamped from `framerate` (`pts = n × D/N`) and numbered in `offset`. A partial
/// frame at the end of the stream is dropped, as GStreamer's parser does. Memory held: at most one frame plus
/// one input buffer.
/// ```
/// parallax-launch filesrc location=in.yuv ! rawvideoparse width=64 height=48 format=i420 framerate=25/1 ! fakesink
/// ```
/// The sink side takes any bytes (GStreamer's template names `video/x-unaligned-raw`; a file source's caps are
/// ANY). Thread: `process` on its segment's streaming thread.
public struct RawVideoParse: Transform, SendsOwnOutputs {
    /// Any bytes.
    public typealias Input = ByteStream
    /// Raw video (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rawvideoparse", longName: "rawvideoparse", klass: "Codec/Parser/Video",
        description: "Converts unformatted data streams into timestamped raw video frames",
        properties: [
            .enumeration("format", \.format, typeName: "GstVideoFormat", "Format of frames in raw stream"),
            .int("width", \.width, range: 0...Int64(Int32.max), "Width of frames in raw stream"),
            .int("height", \.height, range: 0...Int64(Int32.max), "Height of frames in raw stream"),
            .fraction(
                "framerate", \.framerate, range: Fraction(0, 1)...Fraction(Int(Int32.max), 1),
                "Rate of frames in raw stream"),
            .fraction(
                "pixel-aspect-ratio", \.pixelAspectRatio, range: Fraction(1, 100)...Fraction(100, 1),
                "Pixel aspect ratio of frames in raw stream"),
            .uint(
                "frame-size", \.frameSize, range: 0...UInt64(UInt32.max),
                "Size of a frame (0 = frames are tightly packed together)"),
            Property(
                "plane-strides", type: .string, "Strides of the planes in bytes (e.g. plane-strides=\"<320,320>\")",
                get: { .string($0.planeStrides) },
                set: { element, value in
                    if case .string(let text) = value { element.customStrides = text }
                }),
            Property(
                "plane-offsets", type: .string,
                "Offsets of the planes in bytes (e.g. plane-offsets=\"<0,76800>\")",
                get: { .string($0.planeOffsets) },
                set: { element, value in
                    if case .string(let text) = value { element.customOffsets = text }
                }),
        ])

    /// The pixel format (`format`); default I420.
    public var format = RawVideoParseFormat.i420
    /// Width in pixels; default 320.
    public var width = 320
    /// Height in pixels; default 240.
    public var height = 240
    /// Frames per second; default 25/1.
    public var framerate = Fraction(25, 1)
    /// Pixel aspect ratio; default 1/1.
    public var pixelAspectRatio = Fraction(1, 1)
    /// Bytes from one frame to the next in the stream; 0 for the frame's own size.
    public var frameSize: UInt64 = 0
    /// `plane-strides` as set (`<320,160,160>`); nil for the format's own.
    public var customStrides: String?
    /// `plane-offsets` as set (`<0,76800,96000>`); nil for the format's own.
    public var customOffsets: String?

    private var layout: PackedVideoLayout?
    private var source: [PackedVideoLayout.Plane] = []
    private var step = 0
    private var pending: [UInt8] = []
    private var frames: UInt64 = 0

    /// A parser with GStreamer's defaults.
    public init() {}

    /// The strides in effect, as GStreamer prints them.
    public var planeStrides: String {
        customStrides ?? Self.list(defaultLayout?.planes.map(\.stride) ?? [])
    }

    /// The offsets in effect, as GStreamer prints them.
    public var planeOffsets: String {
        customOffsets ?? Self.list(defaultLayout?.planes.map(\.offset) ?? [])
    }

    private var defaultLayout: PackedVideoLayout? {
        PackedVideoLayout(format: format.capsName, width: width, height: height)
    }

    /// The frames' caps, from the properties.
    public var caps: Caps {
        Caps(
            "video/x-raw",
            [
                ("format", .string(format.capsName)), ("width", .int(width)), ("height", .int(height)),
                ("framerate", .fraction(framerate)), ("pixel-aspect-ratio", .fraction(pixelAspectRatio)),
                ("interlace-mode", .string("progressive")),
            ])
    }

    /// Raw video of the configured format.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps(
                    "video/x-raw",
                    [
                        ("format", .list(PackedVideoLayout.formats.map { .string($0) })),
                        ("width", .intRange(1...Int(Int32.max), step: 1)),
                        ("height", .intRange(1...Int(Int32.max), step: 1)),
                        ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
                    ])),
        ]
    }

    /// The configured format downstream; anything upstream.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        direction == .sink ? self.caps : .any
    }

    /// One frame in GStreamer's layout.
    public func outputSize(for caps: Caps) -> Int? { defaultLayout?.size }

    /// Checks the properties and works out where each plane sits in the stream.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let layout = defaultLayout else {
            throw ElementError("rawvideoparse: a \(width)×\(height) \(format.capsName) frame is empty or too large")
        }
        let strides = try Self.parse(customStrides, "plane-strides", count: layout.planes.count)
        let offsets = try Self.parse(customOffsets, "plane-offsets", count: layout.planes.count)
        var planes = layout.planes
        for index in planes.indices {
            if let strides {
                guard strides[index] >= planes[index].rowBytes else {
                    throw ElementError(
                        "rawvideoparse: plane-strides: plane \(index) needs at least \(planes[index].rowBytes) bytes "
                            + "per row, not \(strides[index])")
                }
                planes[index].stride = strides[index]
            }
            if let offsets { planes[index].offset = offsets[index] }
        }
        let end = planes.map { $0.offset + $0.stride * ($0.rows - 1) + $0.rowBytes }.max() ?? 0
        let natural = strides == nil && offsets == nil ? layout.size : end
        let stride = frameSize > 0 ? Int(frameSize) : natural
        guard stride >= end else {
            throw ElementError(
                "rawvideoparse: frame-size \(frameSize) is smaller than the \(end) bytes the planes span")
        }
        self.layout = layout
        self.source = planes
        self.step = stride
    }

    /// Starts a new stream.
    public mutating func start() throws(ElementError) {
        pending = []
        frames = 0
    }

    /// Emits every frame completed by this input; keeps the rest for the next.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let layout else { throw ElementError("rawvideoparse: not negotiated") }
        guard ctx.outputCapacity >= layout.size else {
            throw ElementError(
                "rawvideoparse: an output of \(ctx.outputCapacity) bytes cannot hold a frame of \(layout.size)")
        }
        var carry = pending
        pending = []
        var status = FlowStatus.ok
        if carry.isEmpty {
            let input = ctx.withUnsafeInput { $0 }
            let used = try cut(input, &ctx, &status)
            if used < input.count { carry = Array(input[used...]) }
        } else {
            ctx.withUnsafeInput { carry.append(contentsOf: $0) }
            let used = try carry.withElementBytes { (bytes) throws(ElementError) in try cut(bytes, &ctx, &status) }
            carry.removeFirst(used)
        }
        pending = carry
        return status == .ok ? .dropped : status
    }

    /// Emits the whole frames at the start of `bytes`; returns the bytes used.
    private mutating func cut(
        _ bytes: UnsafeRawBufferPointer, _ ctx: inout ProcessContext<Input, Output>, _ status: inout FlowStatus
    ) throws(ElementError) -> Int {
        guard let layout else { return 0 }
        var at = 0
        let planes = source
        let direct = planes == layout.planes && step >= layout.size
        while bytes.count - at >= step, status == .ok {
            var metadata = BufferMetadata(offset: frames, offsetEnd: frames + 1)
            if framerate.numerator > 0 {
                let n = UInt64(framerate.numerator), d = UInt64(framerate.denominator)
                metadata.pts = ClockTime.scale(frames * d, 1_000_000_000, n)
                metadata.duration = ClockTime.scale(d, 1_000_000_000, n)
            }
            if frames == 0 { metadata.flags.insert(.discont) }
            let frame = bytes.baseAddress! + at
            status = try ctx.emit(metadata: metadata) { output in
                let out = output.baseAddress!
                if direct {
                    out.copyMemory(from: frame, byteCount: layout.size)
                } else {
                    out.initializeMemory(as: UInt8.self, repeating: 0, count: layout.size)
                    for (plane, from) in zip(layout.planes, planes) {
                        for row in 0..<plane.rows {
                            (out + plane.offset + row * plane.stride)
                                .copyMemory(from: frame + from.offset + row * from.stride, byteCount: plane.rowBytes)
                        }
                    }
                }
                return layout.size
            }
            at += step
            frames += 1
        }
        return at
    }

    private static func list(_ values: [Int]) -> String {
        "<" + values.map(String.init).joined(separator: ",") + ">"
    }

    /// Reads `<a,b,c>` (angle brackets and spaces optional) with one value per plane.
    private static func parse(_ text: String?, _ name: String, count: Int) throws(ElementError) -> [Int]? {
        guard let text else { return nil }
        let inner = text.filter { $0 != "<" && $0 != ">" && $0 != " " && $0 != "(" && $0 != ")" }
            .replacing("int", with: "")
        let values = inner.split(separator: ",").map { Int($0) }
        guard values.count == count, values.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw ElementError("rawvideoparse: \(name) \"\(text)\" is not a list of \(count) byte counts")
        }
        return values.map { $0! }
    }
}
