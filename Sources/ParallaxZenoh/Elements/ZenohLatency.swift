import ParallaxCore

/// Gathers how long samples took from a publisher's put to a subscriber (by wall clocks) and says, once a second,
/// the count, mean and maximum in microseconds.
///
/// ```swift
/// var latency = ZenohLatency()
/// if let fields = latency.add(sent: info.sent, now: ZenohBufferInfo.wallClock()) { post(fields) }
/// ```
/// A sample stamped later than now (clocks apart) counts as 0. Thread: a value, on the streaming thread.
struct ZenohLatency: Sendable {
    private var windowStart: UInt64?
    private var count = 0
    private var total: UInt64 = 0
    private var maximum: UInt64 = 0

    /// Adds one sample; the fields to post when a second has passed since the window began.
    mutating func add(sent: UInt64, now: UInt64) -> [(String, CapsValue)]? {
        let delay = now > sent ? now - sent : 0
        if windowStart == nil { windowStart = now }
        count += 1
        total += delay
        maximum = max(maximum, delay)
        guard let start = windowStart, now - start >= 1_000_000_000 else { return nil }
        defer { self = ZenohLatency() }
        return [
            ("samples", .int(count)), ("mean-us", .int(Int(total / UInt64(count) / 1000))),
            ("max-us", .int(Int(maximum / 1000))),
        ]
    }
}
