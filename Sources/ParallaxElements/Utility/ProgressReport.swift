import Glibc
import ParallaxCore

/// `progressreport`: passes buffers on and reports how far the stream has got every `update-freq` seconds of
/// stream time — GStreamer's progressreport, with its message and its printed line.
///
/// The position is the buffer's stream time (through the current segment). When the segment has a stop the
/// duration is known and the report gives a percentage:
/// ```
/// progressreport (00:00:01): 2 / 4 seconds (50.0 %)         printed unless silent=true
/// progress, percent=(int)50, percent-double=(double)50, current=(int)2, total=(int)4, format=(string)time
/// ```
/// otherwise only the position:
/// ```
/// progressreport (00:00:01): 2 seconds
/// progress, current=(int)2, format=(string)time
/// ```
/// The time in brackets is the wall-clock time since the first buffer. Reports fall due by stream time, not
/// by wall-clock time as in GStreamer, so a file processed faster than real time still reports every
/// `update-freq` seconds of media. The printed line names the factory (an element does not know its
/// instance name). GStreamer's `do-query` and `format` (positions in bytes or other formats from a query)
/// and its last report at end of stream are not provided.
///
/// ```
/// parallax-launch -m audiotestsrc num-buffers=500 ! progressreport update-freq=1 ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct ProgressReport: Transform {
    /// Any media.
    public typealias Input = AnyMedia
    /// The same media, unchanged.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "progressreport", longName: "Progress report", klass: "Testing",
        description: "Periodically query and report on processing progress",
        properties: [
            .bool("silent", \.silent, "Do not print output to stdout"),
            .int(
                "update-freq", \.updateFrequency, range: 1...Int64(Int32.max),
                "Number of seconds between reports when data is flowing"),
        ])

    /// Whether the report lines are not printed (messages are posted either way).
    public var silent = false
    /// Seconds of stream time between reports; 5 by default.
    public var updateFrequency = 5

    private var segment = Segment()
    private var lastReport: ClockTime?
    private var startedAt: Int?

    /// A progress reporter with GStreamer's defaults.
    public init() {}

    /// Buffers go on unchanged.
    public var isPassthrough: Bool { true }

    /// Forgets earlier reports (READY → PAUSED).
    public mutating func start() throws(ElementError) {
        lastReport = nil
        startedAt = nil
        segment = Segment()
    }

    /// Keeps the segment: it gives stream time and, with a stop, the duration.
    public mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment(let segment) = event { self.segment = segment }
        return .forward
    }

    /// Reports when `update-freq` seconds of stream time have passed since the last report.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let pts = ctx.metadata.pts, pts >= segment.start else { return .ok }
        let position = pts - segment.start + segment.time
        if startedAt == nil { startedAt = Self.monotonicSeconds() }
        guard let last = lastReport else {
            lastReport = position
            return .ok
        }
        guard position.nanoseconds >= last.nanoseconds + UInt64(updateFrequency) * 1_000_000_000 else { return .ok }
        lastReport = position
        let total = segment.stop.map { $0 > segment.start ? $0 - segment.start : .zero }
        let report = Self.report(position: position, total: total)
        ctx.post(report.message)
        if !silent { print("\(Self.factoryName) (\(Self.clock(elapsedSince: startedAt))): \(report.line)") }
        return .ok
    }

    /// The message and the printed text (after the time in brackets) for `position` out of `total`.
    package static func report(position: ClockTime, total: ClockTime?) -> (message: CapsStructure, line: String) {
        let current = Int(position.nanoseconds / 1_000_000_000)
        guard let total, total > .zero else {
            return (
                CapsStructure("progress", [("current", .int(current)), ("format", .string("time"))]),
                "\(current) seconds"
            )
        }
        let seconds = Int(total.nanoseconds / 1_000_000_000)
        let percent = Swift.min(Swift.max(Double(position.nanoseconds) * 100 / Double(total.nanoseconds), 0), 100)
        let message = CapsStructure(
            "progress",
            [
                ("percent", .int(Int(percent))), ("percent-double", .double(percent)), ("current", .int(current)),
                ("total", .int(seconds)), ("format", .string("time")),
            ])
        let tenths = Int((percent * 10).rounded())
        return (message, "\(current) / \(seconds) seconds (\(tenths / 10).\(tenths % 10) %)")
    }

    /// `HH:MM:SS` of wall-clock time since `start` (monotonic seconds).
    static func clock(elapsedSince start: Int?) -> String {
        let elapsed = start.map { Swift.max(0, monotonicSeconds() - $0) } ?? 0
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(elapsed / 3600)):\(two(elapsed / 60 % 60)):\(two(elapsed % 60))"
    }

    /// Whole seconds of the monotonic clock.
    static func monotonicSeconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return time.tv_sec
    }
}
