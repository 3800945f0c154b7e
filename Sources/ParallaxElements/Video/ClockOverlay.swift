import Glibc
import ParallaxCore

/// `clockoverlay`: writes the wall-clock time over the video — GStreamer's clockoverlay, drawn with
/// Parallax's built-in 8×8 bitmap font instead of Pango.
///
/// Each frame shows the local time when it is processed, formatted by `time-format` as `strftime` does
/// (`%H:%M:%S` by default; `%Y-%m-%d %H:%M:%S` for a date too). `text`, when set, comes first, separated by a
/// space. Placement, the box and the colours are `TextOverlayPainter`'s, as for `timeoverlay`; the font has
/// digits, letters, `: . - /` and space, so `%a` or `%b` draw, other punctuation draws as a hollow box.
/// A formatted text is cut at 256 bytes.
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 ! clockoverlay time-format="%Y-%m-%d %H:%M:%S" ! fakesink
/// ```
/// Differences from GStreamer: `shaded-background` is on by default; the font is fixed (`font-desc` and the
/// other Pango settings are not provided) and its size follows the frame height.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct ClockOverlay: RawVideoFilter, TextOverlayElement {
    /// Raw video in a format the painter draws into.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same video with the clock drawn on it.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "clockoverlay", longName: "Clock overlay", klass: "Filter/Editor/Video",
        description: "Overlays the current clock time on a video stream",
        properties: TextOverlaySettings.properties(of: Self.self) + [
            .string("time-format", \.timeFormat, "Format to use for time and date value, as in strftime.")
        ])

    /// The formats drawn into, on both pads.
    public static var padTemplates: [PadTemplate] { TextOverlaySettings.padTemplates }

    /// Text, placement and box.
    public var settings = TextOverlaySettings()
    /// The `strftime` format of the time shown.
    public var timeFormat = "%H:%M:%S"

    private var info: VideoInfo?

    /// A clock overlay with GStreamer's defaults (and a shaded box).
    public init() {}

    /// The clock is drawn over the frame where it lies.
    public var canProcessInPlace: Bool { true }

    /// Takes the frame layout.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        info = try TextOverlaySettings.info("clockoverlay", input: input, output: output)
    }

    /// The text drawn at `seconds` since the epoch, in local time.
    package func text(at seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        localtime_r(&time, &parts)
        var bytes = [CChar](repeating: 0, count: 256)
        let count = strftime(&bytes, bytes.count, timeFormat, &parts)
        let formatted = String(decoding: bytes.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return settings.prefixed(formatted)
    }

    /// Draws the time of day over one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info else { throw ElementError("clockoverlay was not negotiated.") }
        try settings.draw(text(at: time(nil)), "clockoverlay", info, &ctx)
        return .ok
    }
}
