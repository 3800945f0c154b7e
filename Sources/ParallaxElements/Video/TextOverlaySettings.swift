import ParallaxCore

/// What `timeoverlay` and `clockoverlay` share: the text prefix, placement, box and `silent`, their
/// properties (GStreamer's names and defaults, but for `shaded-background`), and drawing a line of text into
/// a frame with `TextOverlayPainter`.
///
/// Thread: a value used on the element's streaming thread.
public struct TextOverlaySettings: Sendable, Hashable {
    /// Text shown before the time, separated by a space; empty by default.
    public var text = ""
    /// Horizontal placement; left by default.
    public var halignment = TextOverlayHAlignment.left
    /// Vertical placement; top by default.
    public var valignment = TextOverlayVAlignment.top
    /// Pixels between the box and the left or right edge; 25 by default.
    public var xpad = 25
    /// Pixels between the box and the top or bottom edge; 25 by default.
    public var ypad = 25
    /// Whether the box behind the text is darkened; true by default (GStreamer: false).
    public var shadedBackground = true
    /// How much the box is darkened, 1…255; 80 by default.
    public var shadingValue: UInt64 = 80
    /// Whether nothing is drawn.
    public var silent = false

    /// Settings with the defaults above.
    public init() {}

    /// The formats the painter draws into.
    static let formats: [VideoFormat] = [
        .i420, .yv12, .nv12, .nv21, .y444, .gray8, .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr,
    ]

    /// The same raw video formats on both pads.
    static var padTemplates: [PadTemplate] {
        let caps = Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))])
        return [
            PadTemplate(name: "sink", direction: .sink, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// The overlay properties of element `E`, as GStreamer names them.
    static func properties<E: TextOverlayElement>(of _: E.Type) -> [Property<E>] {
        [
            .enumeration(
                "halignment", \E.settings.halignment, typeName: "GstBaseTextOverlayHAlign",
                "Horizontal alignment of the text"),
            .bool(
                "shaded-background", \E.settings.shadedBackground, "Whether to shade the background under the text area"
            ),
            .uint(
                "shading-value", \E.settings.shadingValue, range: 1...255,
                "Shading value to apply if shaded-background is true"),
            .bool("silent", \E.settings.silent, "Whether to render the text string"),
            .string("text", \E.settings.text, "Text to be display."),
            .enumeration(
                "valignment", \E.settings.valignment, typeName: "GstBaseTextOverlayVAlign",
                "Vertical alignment of the text"),
            .int(
                "xpad", \E.settings.xpad, range: 0...Int64(Int32.max),
                "Horizontal paddding when using left/right alignment"),
            .int(
                "ypad", \E.settings.ypad, range: 0...Int64(Int32.max),
                "Vertical padding when using top/bottom alignment"),
        ]
    }

    /// `time` after the `text` prefix and a space, or alone when there is no prefix.
    func prefixed(_ time: String) -> String { text.isEmpty ? time : "\(text) \(time)" }

    /// The layout of `line` in a frame of `info`.
    package func painter(_ line: String, _ info: VideoInfo) -> TextOverlayPainter {
        TextOverlayPainter(
            text: line, width: info.width, height: info.height, halignment: halignment,
            valignment: valignment, xpad: xpad, ypad: ypad)
    }

    /// Copies the frame to the output if not in place, then draws `line` over it (unless `silent`).
    func draw(
        _ line: String, _ factory: String, _ info: VideoInfo, _ ctx: inout ElementCallContext
    ) throws(ElementError) {
        guard ctx.inputLength >= info.size, ctx.outputCapacity >= info.size else {
            throw ElementError(
                "\(factory): a frame of \(ctx.inputLength) bytes is shorter than \(info.size) for \(info.format.name) \(info.width)×\(info.height)."
            )
        }
        let painter = painter(line, info)
        let (silent, shaded, shading) = (silent, shadedBackground, Int(shadingValue))
        let input = ctx.withUnsafeInput { $0.baseAddress }
        let inPlace = ctx.isInPlace
        ctx.withUnsafeOutput { output in
            guard let frame = output.baseAddress, let input else { return }
            if !inPlace { frame.copyMemory(from: input, byteCount: info.size) }
            if !silent { painter.paint(frame, info, shaded: shaded, shadingValue: shading) }
        }
        ctx.outputLength = info.size
    }

    /// The frame layout from both sides' caps, which must be the same format and size.
    static func info(_ factory: String, input: Caps?, output: Caps?) throws(ElementError) -> VideoInfo {
        let (inInfo, outInfo) = try VideoInfo.sides(factory, "draw", input: input, output: output)
        guard inInfo.width == outInfo.width, inInfo.height == outInfo.height, formats.contains(inInfo.format) else {
            throw ElementError(
                "\(factory) draws into \(formats.map(\.name).joined(separator: ", ")) at one size, not \(inInfo.format.name) \(inInfo.width)×\(inInfo.height) to \(outInfo.format.name) \(outInfo.width)×\(outInfo.height)."
            )
        }
        return inInfo
    }
}
