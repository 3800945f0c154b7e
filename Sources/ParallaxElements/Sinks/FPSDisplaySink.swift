import Glibc
import ParallaxCore

/// `fpsdisplaysink`: a sink that measures the frame rate it renders at and posts it — GStreamer's
/// fpsdisplaysink, without a video output behind it.
///
/// Every `fps-update-interval` milliseconds of stream time it posts:
/// ```
/// fps-measurements, fps=(double)30, droprate=(double)0, avgfps=(double)30
/// ```
/// `fps` is the frames rendered in the interval per second of stream time, `droprate` the frames dropped in
/// it per second, `avgfps` the frames rendered since the first one per second. A frame is dropped, as a
/// GStreamer video sink drops it, when `sync` is on and it reaches the sink more than 20 ms after its time
/// (measured on the monotonic clock from the first frame); with `sync=false` nothing is late. With
/// `text-overlay=false` and `silent=false` the measurement is also printed as GStreamer's `last-message`:
/// ```
/// rendered: 30, dropped: 0, current: 30.00, average: 30.00
/// ```
/// `text-overlay=true` (the default) would draw that text over the video in GStreamer; there is no window
/// here, so it only keeps the line off standard output. GStreamer's read-only counters are the Swift
/// properties `framesRendered`, `framesDropped`, `maxFPS` and `minFPS`. `video-sink` (there is no inner
/// sink) and `signal-fps-measurements` (the bus message replaces the signal) are not provided.
///
/// ```
/// parallax-launch -m videotestsrc num-buffers=60 ! fpsdisplaysink sync=false
/// ```
/// Thread: `render` runs on the streaming thread of the sink's segment.
public struct FPSDisplaySink: Sink {
    /// Any media (video in practice).
    public typealias Input = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "fpsdisplaysink", longName: "Measure and show framerate on videosink", klass: "Sink/Video",
        description: "Shows the current frame-rate and drop-rate of the videosink as overlay or text on stdout",
        properties: [
            .int(
                "fps-update-interval", \.updateInterval, range: 1...Int64(Int32.max),
                "Time between consecutive frames per second measures and update  (in ms). Should be set on NULL state"),
            .bool("silent", \.silent, "Don't produce last_message events"),
            .bool(
                "sync", \.syncToClock,
                "Sync on the clock (if the internally used sink doesn't have this property it will be ignored"),
            .bool("text-overlay", \.textOverlay, "Whether to use text-overlay"),
        ])

    /// Milliseconds of stream time between measurements; 500 by default.
    public var updateInterval = 500
    /// Whether the printed `last-message` line is suppressed.
    public var silent = false
    /// Whether frames are rendered at their time on the pipeline clock; true by default, as GStreamer.
    public var syncToClock = true
    /// Whether the measurement would be drawn over the video (nothing is drawn; see the type's notes).
    public var textOverlay = true

    /// Frames rendered since `start()`.
    public private(set) var framesRendered: UInt64 = 0
    /// Frames dropped for lateness since `start()`.
    public private(set) var framesDropped: UInt64 = 0
    /// The highest `fps` measured, −1 before the first measurement.
    public private(set) var maxFPS = -1.0
    /// The lowest `fps` measured, −1 before the first measurement.
    public private(set) var minFPS = -1.0

    /// The clock lateness is measured on; nil for the monotonic clock (tests hand in a manual one).
    package var clock: (any PipelineClock)?

    private var first: (pts: ClockTime, wall: UInt64)?
    private var intervalStart = ClockTime.zero
    private var renderedAtIntervalStart: UInt64 = 0
    private var droppedAtIntervalStart: UInt64 = 0

    /// A sink with GStreamer's defaults.
    public init() {}

    /// Whether frames wait for their time on the clock (`sync`).
    public var sync: Bool { syncToClock }

    /// Resets the counters (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        (framesRendered, framesDropped, maxFPS, minFPS) = (0, 0, -1, -1)
        first = nil
    }

    /// Counts one frame, posting a measurement when an interval has passed.
    public mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        guard let pts = ctx.metadata.pts else {
            framesRendered += 1
            return .ok
        }
        let wall = clock?.now.nanoseconds ?? Self.monotonicNanoseconds()
        guard let first else {
            self.first = (pts, wall)
            intervalStart = pts
            framesRendered += 1
            return .ok
        }
        let interval = UInt64(updateInterval) * 1_000_000
        if pts >= intervalStart, pts.nanoseconds - intervalStart.nanoseconds >= interval {
            measure(at: pts, since: first.pts, &ctx)
        }
        let streamElapsed = pts >= first.pts ? pts.nanoseconds - first.pts.nanoseconds : 0
        let late = syncToClock && wall - first.wall > streamElapsed + 20_000_000
        if late { framesDropped += 1 } else { framesRendered += 1 }
        return .ok
    }

    /// Posts the measurement for the interval ending at `pts` and starts the next one.
    private mutating func measure(
        at pts: ClockTime, since firstPTS: ClockTime, _ ctx: inout ProcessContext<Input, NoMedia>
    ) {
        let seconds = Double(pts.nanoseconds - intervalStart.nanoseconds) / 1e9
        let fps = Double(framesRendered - renderedAtIntervalStart) / seconds
        let droprate = Double(framesDropped - droppedAtIntervalStart) / seconds
        let total = Double(pts.nanoseconds - firstPTS.nanoseconds) / 1e9
        let average = total > 0 ? Double(framesRendered) / total : fps
        maxFPS = Swift.max(maxFPS, fps)
        minFPS = minFPS < 0 ? fps : Swift.min(minFPS, fps)
        ctx.post(
            CapsStructure(
                "fps-measurements",
                [
                    ("fps", .double(fps)), ("droprate", .double(droprate)), ("avgfps", .double(average)),
                ]))
        if !textOverlay && !silent { print(lastMessage(fps: fps, average: average)) }
        intervalStart = pts
        renderedAtIntervalStart = framesRendered
        droppedAtIntervalStart = framesDropped
    }

    /// GStreamer's `last-message` text.
    package func lastMessage(fps: Double, average: Double) -> String {
        func fixed(_ value: Double) -> String {
            let hundredths = Int((value * 100).rounded())
            let fraction = hundredths % 100
            return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
        return
            "rendered: \(framesRendered), dropped: \(framesDropped), current: \(fixed(fps)), average: \(fixed(average))"
    }

    /// The monotonic clock in nanoseconds.
    static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
