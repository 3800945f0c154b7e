/// A time in nanoseconds: a buffer timestamp, a duration, or a clock reading.
///
/// `Optional<ClockTime>` plays the role of GStreamer's `GST_CLOCK_TIME_NONE`.
/// Example: `ClockTime.seconds(1) + .milliseconds(40)`. Pure value type.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The time in nanoseconds.
    public var nanoseconds: UInt64

    /// Creates a time from nanoseconds.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// Zero.
    public static let zero = ClockTime(nanoseconds: 0)

    /// `n` seconds.
    public static func seconds(_ n: UInt64) -> ClockTime { ClockTime(nanoseconds: n * 1_000_000_000) }
    /// `n` milliseconds.
    public static func milliseconds(_ n: UInt64) -> ClockTime { ClockTime(nanoseconds: n * 1_000_000) }
    /// `n` microseconds.
    public static func microseconds(_ n: UInt64) -> ClockTime { ClockTime(nanoseconds: n * 1_000) }

    /// `value × numerator / denominator` nanoseconds-scaled without intermediate overflow
    /// (GStreamer's `gst_util_uint64_scale`), e.g. frame `n` at `rate` starts at `scale(n, 1s × d, num)`.
    public static func scale(_ value: UInt64, _ numerator: UInt64, _ denominator: UInt64) -> ClockTime {
        guard denominator != 0 else { return ClockTime(nanoseconds: .max) }
        let (high, low) = value.multipliedFullWidth(by: numerator)
        guard high < denominator else { return ClockTime(nanoseconds: .max) }
        return ClockTime(nanoseconds: denominator.dividingFullWidth((high, low)).quotient)
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: ClockTime, b: ClockTime) -> ClockTime {
        ClockTime(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }
    public static func - (a: ClockTime, b: ClockTime) -> ClockTime {
        ClockTime(nanoseconds: a.nanoseconds >= b.nanoseconds ? a.nanoseconds - b.nanoseconds : 0)
    }

    /// `H:MM:SS.nnnnnnnnn`, as GStreamer prints times.
    public var description: String {
        let ns = nanoseconds % 1_000_000_000
        let totalSeconds = nanoseconds / 1_000_000_000
        let digits = String(ns)
        let pad = String(repeating: "0", count: 9 - digits.count)
        let minutes = String(totalSeconds / 60 % 60)
        let seconds = String(totalSeconds % 60)
        return "\(totalSeconds / 3600):\(minutes.count < 2 ? "0" : "")\(minutes):"
            + "\(seconds.count < 2 ? "0" : "")\(seconds).\(pad)\(digits)"
    }
}
