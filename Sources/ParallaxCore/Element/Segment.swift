/// The time range and rate of the buffers that follow: GStreamer's `GstSegment` in time format.
///
/// Running time (what sinks synchronise on) is `(pts - start) / rate + base`.
public struct Segment: Sendable, Hashable, Codable {
    /// Playback rate (1 for normal speed).
    public var rate: Double
    /// The first timestamp of the segment.
    public var start: ClockTime
    /// The last timestamp, or nil for open-ended.
    public var stop: ClockTime?
    /// Running time accumulated by earlier segments.
    public var base: ClockTime
    /// The stream time that corresponds to `start`.
    public var time: ClockTime

    /// An open-ended segment from zero at normal rate.
    public init(rate: Double = 1, start: ClockTime = .zero, stop: ClockTime? = nil, base: ClockTime = .zero,
                time: ClockTime = .zero) {
        self.rate = rate
        self.start = start
        self.stop = stop
        self.base = base
        self.time = time
    }

    /// The running time of timestamp `pts`, or nil when it lies before the segment.
    public func runningTime(of pts: ClockTime) -> ClockTime? {
        guard pts >= start else { return nil }
        let offset = pts - start
        if rate == 1 { return offset + base }
        return ClockTime(nanoseconds: UInt64(Double(offset.nanoseconds) / Swift.abs(rate))) + base
    }
}
