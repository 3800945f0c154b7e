import ParallaxCore

/// `videobox`: crops raw video (positive `top`, `bottom`, `left`, `right`) or adds borders (negative values)
/// filled with a colour — GStreamer's videobox for one format in and out.
///
/// Supported: RGBA, BGRA, RGBx, BGRx, RGB, BGR, GRAY8, Y444, YUY2, UYVY, I420, YV12 (GStreamer's list less
/// the formats Parallax lacks; NV12 and NV21 are not in GStreamer's either). Border colours are GStreamer's
/// tables: BT.601 or BT.709 Y′CbCr by the caps' colorimetry (BT.601 up to 576 lines without one), full-range
/// RGB, BT.601 luma for GRAY8. `alpha` scales the picture's alpha (`a·⌊alpha·256⌋ >> 8`, clamped to 255 —
/// so 255 becomes 254 at alpha 1, as in GStreamer) and `border-alpha` is the border's, in RGBA and BGRA.
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,width=320,height=240 ! videobox top=-20 bottom=-20 fill=green ! fakesink
/// ```
/// Negotiation: the src side is the sink side less `left + right` columns and `top + bottom` rows (more for
/// negative values), clamped to at least 1. All four at 0 passes buffers through. Thread: `process` runs on
/// the streaming thread of the element's segment.
public struct VideoBox: RawVideoFilter {
    /// Raw video in the formats above.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same format, cropped or bordered.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The border colour (`fill`, GStreamer's `GstVideoBoxFill`, same values and nicks).
    public enum Fill: Int, PropertyEnum {
        /// Black.
        case black = 0
        /// Green.
        case green = 1
        /// Blue.
        case blue = 2
        /// Red.
        case red = 3
        /// Yellow.
        case yellow = 4
        /// White.
        case white = 5

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String { ["black", "green", "blue", "red", "yellow", "white"][rawValue] }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String { ["Black", "Green", "Blue", "Red", "Yellow", "White"][rawValue] }
    }

    /// The formats the element processes (GStreamer's order, less those Parallax lacks).
    public static let formats: [VideoFormat] = [
        .bgra, .rgba, .bgrx, .rgbx, .rgb, .bgr, .y444, .yuy2, .uyvy, .i420, .yv12, .gray8,
    ]

    /// Pixels to crop (positive) or add (negative) at the top.
    public var top = 0
    /// Pixels to crop (positive) or add (negative) at the bottom.
    public var bottom = 0
    /// Pixels to crop (positive) or add (negative) at the left.
    public var left = 0
    /// Pixels to crop (positive) or add (negative) at the right.
    public var right = 0
    /// The border colour.
    public var fill = Fill.black
    /// Alpha of the picture, 0…1.
    public var alpha = 1.0
    /// Alpha of the border, 0…1.
    public var borderAlpha = 1.0

    private var painter: VideoBoxPainter?

    /// A box that changes nothing (GStreamer's defaults).
    public init() {}

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videobox", longName: "Video box filter", klass: "Filter/Effect/Video",
        description: "Resizes a video by adding borders or cropping",
        properties: [
            .double("alpha", \.alpha, range: 0...1, "Alpha value picture"),
            .double("border-alpha", \.borderAlpha, range: 0...1, "Alpha value of the border"),
            .int(
                "bottom", \.bottom, range: Int64(Int32.min)...Int64(Int32.max),
                "Pixels to box at bottom (<0 = add a border)"),
            .enumeration("fill", \.fill, typeName: "GstVideoBoxFill", "How to fill the borders"),
            .int(
                "left", \.left, range: Int64(Int32.min)...Int64(Int32.max), "Pixels to box at left (<0  = add a border)"
            ),
            .int(
                "right", \.right, range: Int64(Int32.min)...Int64(Int32.max),
                "Pixels to box at right (<0 = add a border)"),
            .int("top", \.top, range: Int64(Int32.min)...Int64(Int32.max), "Pixels to box at top (<0 = add a border)"),
        ])

    /// `sink` and `src`: `video/x-raw` in `formats`.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))])
        return [
            PadTemplate(name: "sink", direction: .sink, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// No crop and no border: buffers go on unchanged.
    public var isPassthrough: Bool { top == 0 && bottom == 0 && left == 0 && right == 0 }

    /// Width and height less (sink side) or plus (src side) the box values, clamped to [1, 2147483647], in
    /// the formats above.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let sign = direction == .sink ? -1 : 1
        let template = Self.padTemplates[0].caps
        return VideoResize.transform(caps, width: sign * (left + right), height: sign * (top + bottom)).intersection(
            template)
    }

    /// Decodes both sides, checks the sizes and picks the border colour.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        let (inInfo, outInfo) = try VideoInfo.sides("videobox", "box", input: input, output: output)
        guard Self.formats.contains(inInfo.format) else {
            throw ElementError("videobox cannot process \(inInfo.format.name).")
        }
        let width = inInfo.width - left - right, height = inInfo.height - top - bottom
        guard width == outInfo.width, height == outInfo.height else {
            throw ElementError(
                "videobox turns \(inInfo.width)×\(inInfo.height) into \(width)×\(height), not \(outInfo.width)×\(outInfo.height)."
            )
        }
        let colorimetry = output?.structures.first?.string("colorimetry")
        var bt601 = true
        if case .yuv(let sd, _) = VideoConvertModel(
            format: outInfo.format, height: outInfo.height, colorimetry: colorimetry)
        {
            bt601 = sd
        }
        painter = VideoBoxPainter(
            input: inInfo, output: outInfo, top: top, bottom: bottom, left: left, right: right, fill: fill,
            bt601: bt601, alpha: Self.alphaByte(alpha), borderAlpha: Self.alphaByte(borderAlpha))
    }

    /// GStreamer's 8-bit alpha for a 0…1 property: `⌊value·256⌋` clamped to 0…255.
    static func alphaByte(_ value: Double) -> Int { Int(min(max(value * 256, 0), 255)) }

    /// One output frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Crops or borders one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if isPassthrough { return .ok }  // the buffer goes on as it is
        guard let painter else { throw ElementError("videobox was not negotiated.") }
        try ctx.transformFrame("videobox", from: painter.input, to: painter.output) { source, destination in
            painter.paint(
                source.assumingMemoryBound(to: UInt8.self), into: destination.assumingMemoryBound(to: UInt8.self))
        }
        return .ok
    }
}
