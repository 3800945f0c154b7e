import ParallaxCore

/// `videotestsrc`: generates test video — GStreamer's video test source, pattern for pattern and byte for
/// byte.
///
/// Produces raw video in any `VideoFormat`. Without constraints from downstream it picks 320×240 at 30/1
/// and the first format in its template, which lists formats in GStreamer's order of preference (so BGRA;
/// GStreamer itself would pick ABGR64_LE, which Parallax does not have). Frame *n* has
/// `pts = timestamp-offset + n × 1 s × den / num` (scaled without rounding error), its duration up to the
/// next frame, `offset = n` and `offsetEnd = n + 1`; the first carries the `discont` flag. At a frame rate of
/// 0/1 it sends one frame of unknown duration and ends.
///
/// Colours are GStreamer's: limited-range BT.601 Y′CbCr for standard definition (height ≤ 576) and BT.709
/// above (unless the caps name a `colorimetry`), SMPTE bars from GStreamer's tables (75 % white is Y=180,
/// red is Y=81, U=90, V=240). Rows that repeat are painted once and copied; patterns computed per pixel that
/// do not change (circular, pinwheel, spokes) are drawn once and copied into every buffer.
///
/// ```
/// parallax-launch videotestsrc pattern=ball num-buffers=300 ! video/x-raw,format=I420,width=1280,height=720 ! fakesink
/// ```
/// ```swift
/// var source = VideoTestSource()
/// source.pattern = .smpte75
/// source.numBuffers = 10
/// ```
/// Thread: `produce` runs on the source's streaming thread.
public struct VideoTestSource: Source {
    /// Raw video in any `VideoFormat`, chosen by negotiation.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The picture (`pattern`, GStreamer's `GstVideoTestSrcPattern`, with GStreamer's values).
    public enum Pattern: Int, PropertyEnum {
        /// SMPTE colour bars at 100 %, with the -I/+Q, black levels and noise below.
        case smpte = 0
        /// Random noise (television snow).
        case snow = 1
        /// The background colour (black by default).
        case black = 2
        /// The foreground colour (white by default).
        case white = 3
        /// Red.
        case red = 4
        /// Green.
        case green = 5
        /// Blue.
        case blue = 6
        /// Red and green checkers of 1 pixel.
        case checkers1 = 7
        /// Red and green checkers of 2 pixels.
        case checkers2 = 8
        /// Red and green checkers of 4 pixels.
        case checkers4 = 9
        /// Red and green checkers of 8 pixels.
        case checkers8 = 10
        /// Concentric rings of rising frequency.
        case circular = 11
        /// Background and foreground, alternating every frame.
        case blink = 12
        /// SMPTE colour bars at 75 %.
        case smpte75 = 13
        /// Checkers of in-gamut and out-of-gamut colours.
        case gamut = 15
        /// The foreground colour.
        case solidColor = 17
        /// A ball moving over the background.
        case ball = 18
        /// SMPTE colour bars at 100 %, full height.
        case smpte100 = 19
        /// A foreground bar on the background.
        case bar = 20
        /// A pinwheel.
        case pinwheel = 21
        /// Spokes from the centre.
        case spokes = 22
        /// A vertical gradient from background to foreground.
        case gradient = 23
        /// Every colour, in a grid.
        case colors = 24

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .smpte: "smpte"
            case .snow: "snow"
            case .black: "black"
            case .white: "white"
            case .red: "red"
            case .green: "green"
            case .blue: "blue"
            case .checkers1: "checkers-1"
            case .checkers2: "checkers-2"
            case .checkers4: "checkers-4"
            case .checkers8: "checkers-8"
            case .circular: "circular"
            case .blink: "blink"
            case .smpte75: "smpte75"
            case .gamut: "gamut"
            case .solidColor: "solid-color"
            case .ball: "ball"
            case .smpte100: "smpte100"
            case .bar: "bar"
            case .pinwheel: "pinwheel"
            case .spokes: "spokes"
            case .gradient: "gradient"
            case .colors: "colors"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .smpte: "SMPTE 100% color bars"
            case .snow: "Random (television snow)"
            case .black: "100% Black"
            case .white: "100% White"
            case .red: "Red"
            case .green: "Green"
            case .blue: "Blue"
            case .checkers1: "Checkers 1px"
            case .checkers2: "Checkers 2px"
            case .checkers4: "Checkers 4px"
            case .checkers8: "Checkers 8px"
            case .circular: "Circular"
            case .blink: "Blink"
            case .smpte75: "SMPTE 75% color bars"
            case .gamut: "Gamut checkers"
            case .solidColor: "Solid color"
            case .ball: "Moving ball"
            case .smpte100: "SMPTE 100% color bars"
            case .bar: "Bar"
            case .pinwheel: "Pinwheel"
            case .spokes: "Spokes"
            case .gradient: "Gradient"
            case .colors: "Colors"
            }
        }
    }

    /// What moves the ball (`animation-mode`, GStreamer's `GstVideoTestSrcAnimationMode`).
    public enum AnimationMode: Int, PropertyEnum {
        /// The frame count.
        case frames = 0
        /// The wall clock.
        case wallTime = 1
        /// The buffer timestamps.
        case runningTime = 2

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .frames: "frames"
            case .wallTime: "wall-time"
            case .runningTime: "running-time"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .frames: "frame count"
            case .wallTime: "wall clock time"
            case .runningTime: "running time"
            }
        }
    }

    /// How the ball moves (`motion`, GStreamer's `GstVideoTestSrcMotionType`).
    public enum Motion: Int, PropertyEnum {
        /// Back and forth, up and down.
        case wavy = 0
        /// One revolution per second.
        case sweep = 1
        /// Half a revolution per second, then back to the top.
        case hsweep = 2

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            switch self {
            case .wavy: "wavy"
            case .sweep: "sweep"
            case .hsweep: "hsweep"
            }
        }

        /// The description `--inspect` shows for this value.
        public var blurb: String {
            switch self {
            case .wavy: "Ball waves back and forth, up and down"
            case .sweep: "1 revolution per second"
            case .hsweep: "1/2 revolution per second, then reset to top"
            }
        }
    }

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videotestsrc", longName: "Video test source", klass: "Source/Video",
        description: "Generates test video: colour bars, noise, checkers, a moving ball and more",
        properties: [
            .enumeration("pattern", \.pattern, typeName: "GstVideoTestSrcPattern", "Type of test pattern to generate"),
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max),
                 "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .bool("is-live", \.isLiveSource, "Whether to act as a live source"),
            Property("timestamp-offset", type: .int(0...Int64.max),
                     "An offset added to timestamps set on buffers (in ns)",
                     get: { .int(Int64($0.timestampOffset.nanoseconds)) },
                     set: { element, value in
                         if case .int(let v) = value { element.timestampOffset = ClockTime(nanoseconds: UInt64(v)) }
                     }),
            .uint("foreground-color", \.foregroundColor, range: 0...UInt64(UInt32.max),
                  "Foreground color to use (big-endian ARGB)"),
            .uint("background-color", \.backgroundColor, range: 0...UInt64(UInt32.max),
                  "Background color to use (big-endian ARGB)"),
            .int("horizontal-speed", \.horizontalSpeed, range: Int64(Int32.min)...Int64(Int32.max),
                 "Scroll image number of pixels per frame (positive is scroll to the left)"),
            .enumeration("animation-mode", \.animationMode, typeName: "GstVideoTestSrcAnimationMode",
                         "For pattern=ball, which counter defines the position of the ball"),
            .enumeration("motion", \.motion, typeName: "GstVideoTestSrcMotionType",
                         "For pattern=ball, what motion the ball does"),
            .bool("flip", \.flip, "For pattern=ball, invert colors every second"),
        ])

    /// The formats in GStreamer's order of preference (its template order, restricted to `VideoFormat`), then
    /// `I420_10LE` (GStreamer lists it before Y444; last here, so an element taking both 8-bit and 10-bit formats
    /// after videotestsrc still gets 8-bit unless it asks).
    static let formatPreference: [VideoFormat] = [
        .bgra, .rgba, .y444, .bgrx, .rgbx, .bgr, .rgb, .uyvy, .yuy2, .i420, .yv12, .nv21, .nv12, .gray8, .i420_10le,
    ]

    /// The pad templates, with the caps this element handles.
    public static var padTemplates: [PadTemplate] {
        let caps = Caps("video/x-raw", [
            ("format", .list(formatPreference.map { .string($0.name) })),
            ("width", .intRange(1...Int(Int32.max), step: 1)),
            ("height", .intRange(1...Int(Int32.max), step: 1)),
            ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
        ])
        return [PadTemplate(name: "src", direction: .src, caps: caps)]
    }

    /// The picture.
    public var pattern = Pattern.smpte { didSet { painter?.invalidate() } }
    /// Buffers to send before EOS; -1 for no limit.
    public var numBuffers = -1
    /// Whether the source is live (the pipeline paces it by timestamps).
    public var isLiveSource = false
    /// Added to every timestamp.
    public var timestampOffset = ClockTime.zero
    /// The foreground colour as big-endian ARGB (`0xffffffff`, white): white, solid-color, ball, noise.
    public var foregroundColor: UInt64 = 0xFFFF_FFFF { didSet { painter?.invalidate() } }
    /// The background colour as big-endian ARGB (`0xff000000`, black).
    public var backgroundColor: UInt64 = 0xFF00_0000 { didSet { painter?.invalidate() } }
    /// Pixels to scroll left per frame (negative scrolls right).
    public var horizontalSpeed = 0
    /// What moves the ball.
    public var animationMode = AnimationMode.frames
    /// How the ball moves.
    public var motion = Motion.wavy
    /// Whether the ball swaps foreground and background every 50 frames (or second).
    public var flip = false

    private var painter: VideoTestPainter?
    private var info: VideoInfo?
    private var frameNumber = 0
    private var produced = 0
    private var randomState: UInt32 = 0

    /// A source with GStreamer's defaults (SMPTE bars).
    public init() {}

    /// Whether the pipeline paces this source by its timestamps (`is-live`).
    public var isLive: Bool { isLiveSource }

    /// Prefers 320×240 at 30/1 and the first format allowed, as GStreamer's videotestsrc does.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        var caps = caps
        caps.fixateField("width", nearestInt: 320)
        caps.fixateField("height", nearestInt: 240)
        if caps.structures.first?["framerate"] != nil {
            caps.fixateField("framerate", nearestFraction: Fraction(30, 1))
        } else if !caps.isAny, !caps.structures.isEmpty {
            caps.structures[0]["framerate"] = .fraction(Fraction(30, 1))
        }
        return caps.fixated()
    }

    /// Takes the negotiated caps before the first buffer, and again when a renegotiation changes them
    /// mid-stream: frames go on from the same number (timestamps keep rising), in the new format.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = VideoInfo(caps: output) else {
            throw ElementError("videotestsrc cannot produce this format.",
                               debug: "caps: \(output.map(\.description) ?? "none")")
        }
        let structure = output.structures.first
        self.info = info
        painter = VideoTestPainter(info: info, colorimetry: structure?.string("colorimetry"),
                                   chromaSite: structure?.string("chroma-site"))
    }

    /// Resets the stream state (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        frameNumber = 0
        produced = 0
    }

    /// One frame of the negotiated format.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Fills the pre-allocated output with the next buffer; `.eos` when the stream ends.
    public mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard let info, var painter else { throw ElementError("Internal data stream error.", debug: "not negotiated") }
        if numBuffers >= 0, produced >= numBuffers { return .eos }
        let rate = info.framerate
        if rate.numerator == 0, frameNumber == 1 { return .eos }
        guard ctx.outputCapacity >= info.size else {
            throw ElementError("Internal data stream error.",
                               debug: "output buffer of \(ctx.outputCapacity) bytes, frame needs \(info.size)")
        }
        let n = UInt64(frameNumber)
        let runningTime = rate.numerator > 0
            ? ClockTime.scale(n, UInt64(rate.denominator) * 1_000_000_000, UInt64(rate.numerator)) : .zero
        let pts = timestampOffset + runningTime
        let frame = VideoTestPainter.Frame(
            pattern: pattern, foreground: UInt32(truncatingIfNeeded: foregroundColor),
            background: UInt32(truncatingIfNeeded: backgroundColor), number: frameNumber, pts: pts,
            horizontalSpeed: horizontalSpeed, animationMode: animationMode, motion: motion, flip: flip)
        self.painter = nil  // keep the painter's scratch memory uniquely referenced while drawing
        var state = randomState
        ctx.withUnsafeOutput { output in
            if let base = output.baseAddress { painter.render(frame, into: base, randomState: &state) }
        }
        randomState = state
        self.painter = painter
        ctx.outputLength = info.size
        ctx.metadata.pts = pts
        ctx.metadata.dts = nil
        if rate.numerator > 0 {
            let next = ClockTime.scale(n + 1, UInt64(rate.denominator) * 1_000_000_000, UInt64(rate.numerator))
            ctx.metadata.duration = next - runningTime
        } else {
            ctx.metadata.duration = nil
        }
        ctx.metadata.offset = n
        ctx.metadata.offsetEnd = n + 1
        if produced == 0 { ctx.metadata.flags.insert(.discont) }
        frameNumber += 1
        produced += 1
        return .ok
    }
}
