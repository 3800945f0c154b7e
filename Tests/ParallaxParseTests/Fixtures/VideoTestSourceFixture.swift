import ParallaxCore

/// Test double for GStreamer's `videotestsrc`, with its `pattern` enumeration (the zone-plate `k*`
/// coefficients are left out).
struct VideoTestSourceFixture: Source {
    typealias Output = AnyMedia

    enum Pattern: Int, PropertyEnum {
        case smpte = 0
        case snow, black, white, red, green, blue, checkers1, checkers2, checkers4, checkers8, circular
        case blink, smpte75, zonePlate, gamut, chromaZonePlate, solidColor, ball, smpte100, bar, pinwheel, spokes
        case gradient, colors, smpteRP219

        static let nicks = [
            "smpte", "snow", "black", "white", "red", "green", "blue", "checkers-1", "checkers-2", "checkers-4",
            "checkers-8", "circular", "blink", "smpte75", "zone-plate", "gamut", "chroma-zone-plate", "solid-color",
            "ball", "smpte100", "bar", "pinwheel", "spokes", "gradient", "colors", "smpte-rp-219",
        ]
        var nick: String { Self.nicks[rawValue] }
        var blurb: String { nick }
    }

    enum AnimationMode: Int, PropertyEnum {
        case frames = 0
        case wallTime, runningTime
        var nick: String {
            switch self {
            case .frames: "frames"
            case .wallTime: "wall-time"
            case .runningTime: "running-time"
            }
        }
        var blurb: String { nick }
    }

    enum Motion: Int, PropertyEnum {
        case wavy = 0
        case sweep, hsweep
        var nick: String {
            switch self {
            case .wavy: "wavy"
            case .sweep: "sweep"
            case .hsweep: "hsweep"
            }
        }
        var blurb: String { nick }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "videotestsrc", longName: "Video test source", klass: "Source/Video",
        description: "Creates a test video stream",
        properties: [
            .enumeration(
                "animation-mode", \.animationMode, typeName: "GstVideoTestSrcAnimationMode",
                "For pattern=ball, which counter defines the position of the ball."),
            .uint(
                "background-color", \.backgroundColor, range: 0...4_294_967_295,
                "Background color to use (big-endian ARGB)"),
            .uint(
                "blocksize", \.blocksize, range: 0...4_294_967_295, "Size in bytes to read per buffer (-1 = default)"),
            .bool("do-timestamp", \.doTimestamp, "Apply current stream time to buffers"),
            .bool("flip", \.flip, "For pattern=ball, invert colors every second."),
            .uint(
                "foreground-color", \.foregroundColor, range: 0...4_294_967_295,
                "Foreground color to use (big-endian ARGB)"),
            .int(
                "horizontal-speed", \.horizontalSpeed, range: -2_147_483_648...2_147_483_647,
                "Scroll image number of pixels per frame (positive is scroll to the left)"),
            .bool("is-live", \.isLive, "Whether to act as a live source"),
            .enumeration(
                "motion", \.motion, typeName: "GstVideoTestSrcMotionType",
                "For pattern=ball, what motion the ball does"),
            .int(
                "num-buffers", \.numBuffers, range: -1...2_147_483_647,
                "Number of buffers to output before sending EOS (-1 = unlimited)"),
            .enumeration("pattern", \.pattern, typeName: "GstVideoTestSrcPattern", "Type of test pattern to generate"),
            .int(
                "timestamp-offset", \.timestampOffset, range: 0...Int64.max,
                "An offset added to timestamps set on buffers (in ns)"),
            .bool("typefind", \.typefind, "Run typefind before negotiating (deprecated, non-functional)"),
        ])

    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps([CapsStructure("video/x-raw"), CapsStructure("video/x-bayer")]))
        ]
    }

    var animationMode = AnimationMode.frames
    var backgroundColor: UInt64 = 4_278_190_080
    var blocksize: UInt64 = 4096
    var doTimestamp = false
    var flip = false
    var foregroundColor: UInt64 = 4_294_967_295
    var horizontalSpeed = 0
    var isLive = false
    var motion = Motion.wavy
    var numBuffers = -1
    var pattern = Pattern.smpte
    var timestampOffset = 0
    var typefind = false

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}
