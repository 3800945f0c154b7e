import ParallaxCore

/// Test double for GStreamer's `compositor`: request `sink_%u` pads (named `sink_0`, `sink_1`, … in link
/// order, like a muxer's) and an always `src` pad.
struct CompositorFixture: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia

    enum Background: Int, PropertyEnum {
        case checker = 0
        case black, white, transparent
        var nick: String {
            switch self {
            case .checker: "checker"
            case .black: "black"
            case .white: "white"
            case .transparent: "transparent"
            }
        }
        var blurb: String { nick }
    }

    enum StartTimeSelection: Int, PropertyEnum {
        case zero = 0
        case first, set
        var nick: String {
            switch self {
            case .zero: "zero"
            case .first: "first"
            case .set: "set"
            }
        }
        var blurb: String { nick }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "compositor", longName: "Compositor", klass: "Filter/Editor/Video/Compositor",
        description: "Composite multiple video streams",
        properties: [
            .enumeration("background", \.background, typeName: "GstCompositorBackground", "Background type"),
            .bool("emit-signals", \.emitSignals, "Send signals"),
            .bool("force-live", \.forceLive, "Always operate in live mode and aggregate on timeout"),
            .bool("ignore-inactive-pads", \.ignoreInactivePads, "Avoid timing out waiting for inactive pads"),
            .uint("latency", \.latency, range: 0...UInt64.max, "Additional latency in live mode (in nanoseconds)"),
            .uint(
                "max-threads", \.maxThreads, range: 0...2_147_483_647,
                "Maximum number of blending/rendering worker threads to spawn (0 = auto)"),
            .uint(
                "min-upstream-latency", \.minUpstreamLatency, range: 0...UInt64.max,
                "Minimum upstream latency to assume (nanoseconds)"),
            .uint("start-time", \.startTime, range: 0...UInt64.max, "Start time to use if start-time-selection=set"),
            .enumeration(
                "start-time-selection", \.startTimeSelection, typeName: "GstAggregatorStartTimeSelection",
                "Decides which start time is output"),
            .bool(
                "zero-size-is-unscaled", \.zeroSizeIsUnscaled,
                "If TRUE, then input video is unscaled in that dimension if width or height is 0"),
        ])

    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink_%u", direction: .sink, presence: .request, caps: Caps("video/x-raw")),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-raw")),
        ]
    }

    var background = Background.checker
    var emitSignals = false
    var forceLive = false
    var ignoreInactivePads = false
    var latency: UInt64 = 0
    var maxThreads: UInt64 = 0
    var minUpstreamLatency: UInt64 = 0
    var startTime = UInt64.max
    var startTimeSelection = StartTimeSelection.zero
    var zeroSizeIsUnscaled = true

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}
