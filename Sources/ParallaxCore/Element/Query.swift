/// A question asked of an element: GStreamer's position, duration and latency queries.
public enum Query: Sendable, Hashable {
    /// The current position in time.
    case position
    /// The total duration in time.
    case duration
    /// The latency the element adds.
    case latency
}

/// An answer to a `Query`.
public enum QueryAnswer: Sendable, Hashable {
    /// A position or duration.
    case time(ClockTime?)
    /// Latency: whether data is live, and the minimum and maximum latency added.
    case latency(live: Bool, min: ClockTime, max: ClockTime?)
}
