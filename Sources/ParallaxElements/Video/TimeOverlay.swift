import ParallaxCore

/// `timeoverlay`: writes each frame's time over the video as `HH:MM:SS.mmm` — GStreamer's timeoverlay, drawn
/// with Parallax's built-in 8×8 bitmap font instead of Pango.
///
/// The time is the buffer's timestamp (`time-mode=buffer-time`), its stream time or its running time through
/// the current segment; a frame without a timestamp shows `--:--:--.---`. `text`, when set, comes first,
/// separated by a space (`text="cam 1"` gives `cam 1 00:00:01.000`). Placement, the box and the colours are
/// `TextOverlayPainter`'s: white text on a box darkened by `shading-value`, `xpad`/`ypad` pixels from the
/// edges chosen by `halignment`/`valignment`. Drawn in place into I420, YV12, NV12, NV21, Y444, GRAY8, RGBA,
/// BGRA, RGBx, BGRx, RGB and BGR.
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 ! timeoverlay halignment=right ! videoconvert ! fakesink
/// ```
/// Differences from GStreamer: `shaded-background` is on by default (GStreamer draws an outline instead);
/// the font is fixed (`font-desc`, `xpos`/`ypos` and the other Pango settings are not provided), its size
/// follows the frame height; `time-code` mode is not provided.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct TimeOverlay: RawVideoFilter, TextOverlayElement {
    /// Raw video in a format the painter draws into.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same video with the time drawn on it.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// Which time is shown (`time-mode`, GStreamer's `GstTimeOverlayTimeLine`, same values and nicks).
    public enum TimeMode: Int, PropertyEnum {
        /// The buffer's timestamp.
        case bufferTime = 0
        /// The timestamp as stream time through the segment.
        case streamTime = 1
        /// The timestamp as running time through the segment.
        case runningTime = 2

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String { ["buffer-time", "stream-time", "running-time"][rawValue] }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String { nick }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "timeoverlay", longName: "Time overlay", klass: "Filter/Editor/Video",
        description: "Overlays buffer time stamps on a video stream",
        properties: TextOverlaySettings.properties(of: Self.self) + [
            .enumeration("time-mode", \.timeMode, typeName: "GstTimeOverlayTimeLine", "What time to show")
        ])

    /// The formats drawn into, on both pads.
    public static var padTemplates: [PadTemplate] { TextOverlaySettings.padTemplates }

    /// Text, placement and box.
    public var settings = TextOverlaySettings()
    /// Which time is shown; the buffer's timestamp by default.
    public var timeMode = TimeMode.bufferTime

    private var info: VideoInfo?
    private var segment = Segment()

    /// A time overlay with GStreamer's defaults (and a shaded box).
    public init() {}

    /// The time is drawn over the frame where it lies.
    public var canProcessInPlace: Bool { true }

    /// Takes the frame layout.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        info = try TextOverlaySettings.info("timeoverlay", input: input, output: output)
    }

    /// Keeps the segment, for stream and running time.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment(let segment) = event { self.segment = segment }
        return .forward
    }

    /// The text drawn over a frame with timestamp `pts`.
    package func text(for pts: ClockTime?) -> String {
        let time: ClockTime?
        switch timeMode {
        case .bufferTime: time = pts
        case .streamTime: time = pts.flatMap { $0 >= segment.start ? $0 - segment.start + segment.time : nil }
        case .runningTime: time = pts.flatMap { segment.runningTime(of: $0) }
        }
        return settings.prefixed(time.map(Self.format) ?? "--:--:--.---")
    }

    /// `HH:MM:SS.mmm`.
    package static func format(_ time: ClockTime) -> String {
        let milliseconds = time.nanoseconds / 1_000_000
        func pad(_ n: UInt64, _ digits: Int) -> String {
            let text = String(n)
            return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
        }
        return "\(pad(milliseconds / 3_600_000, 2)):\(pad(milliseconds / 60_000 % 60, 2)):"
            + "\(pad(milliseconds / 1000 % 60, 2)).\(pad(milliseconds % 1000, 3))"
    }

    /// Draws the time over one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info else { throw ElementError("timeoverlay was not negotiated.") }
        try settings.draw(text(for: ctx.metadata.pts), "timeoverlay", info, &ctx)
        return .ok
    }
}
