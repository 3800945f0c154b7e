import ParallaxCore

/// Test double for GStreamer's `fakesink`: its writable properties as `gst-inspect-1.0 fakesink` lists them.
struct FakeSinkFixture: Sink {
    typealias Input = AnyMedia

    enum StateError: Int, PropertyEnum {
        case none = 0
        case nullToReady, readyToPaused, pausedToPlaying, playingToPaused, pausedToReady, readyToNull
        var nick: String {
            switch self {
            case .none: "none"
            case .nullToReady: "null-to-ready"
            case .readyToPaused: "ready-to-paused"
            case .pausedToPlaying: "paused-to-playing"
            case .playingToPaused: "playing-to-paused"
            case .pausedToReady: "paused-to-ready"
            case .readyToNull: "ready-to-null"
            }
        }
        var blurb: String { nick }
    }

    static let descriptor = ElementDescriptor<Self>(
        factory: "fakesink", longName: "Fake Sink", klass: "Sink", description: "Black hole for data",
        properties: [
            .bool("async", \.async, "Go asynchronously to PAUSED"),
            .uint("blocksize", \.blocksize, range: 0...4_294_967_295, "Size in bytes to pull per buffer (0 = default)"),
            .bool("can-activate-pull", \.canActivatePull, "Can activate in pull mode"),
            .bool("can-activate-push", \.canActivatePush, "Can activate in push mode"),
            .bool("drop-out-of-segment", \.dropOutOfSegment, "Drop and don't render / hand off out-of-segment buffers"),
            .bool("dump", \.dump, "Dump buffer contents to stdout"),
            .bool("enable-last-sample", \.enableLastSample, "Enable the last-sample property"),
            .uint(
                "max-bitrate", \.maxBitrate, range: 0...UInt64.max,
                "The maximum bits per second to render (0 = disabled)"),
            .int(
                "max-lateness", \.maxLateness, range: -1...Int64.max,
                "Maximum number of nanoseconds that a buffer can be late before it is dropped (-1 unlimited)"),
            .int("num-buffers", \.numBuffers, range: -1...2_147_483_647, "Number of buffers to accept going EOS"),
            .uint(
                "processing-deadline", \.processingDeadline, range: 0...UInt64.max,
                "Maximum processing time for a buffer in nanoseconds"),
            .bool("qos", \.qos, "Generate Quality-of-Service events upstream"),
            .uint(
                "render-delay", \.renderDelay, range: 0...UInt64.max,
                "Additional render delay of the sink in nanoseconds"),
            .bool("signal-handoffs", \.signalHandoffs, "Send a signal before unreffing the buffer"),
            .bool("silent", \.silent, "Don't produce last_message events"),
            .enumeration(
                "state-error", \.stateError, typeName: "GstFakeSinkStateError", "Generate a state change error"),
            .bool("sync", \.sync, "Sync on the clock"),
            .uint(
                "throttle-time", \.throttleTime, range: 0...UInt64.max,
                "The time to keep between rendered buffers (0 = disabled)"),
            .int("ts-offset", \.tsOffset, range: Int64.min...Int64.max, "Timestamp offset in nanoseconds"),
        ])

    var async = true
    var blocksize: UInt64 = 4096
    var canActivatePull = false
    var canActivatePush = true
    var dropOutOfSegment = true
    var dump = false
    var enableLastSample = true
    var maxBitrate: UInt64 = 0
    var maxLateness = -1
    var numBuffers = -1
    var processingDeadline: UInt64 = 20_000_000
    var qos = false
    var renderDelay: UInt64 = 0
    var signalHandoffs = false
    var silent = true
    var stateError = StateError.none
    var sync = false
    var throttleTime: UInt64 = 0
    var tsOffset = 0

    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}
