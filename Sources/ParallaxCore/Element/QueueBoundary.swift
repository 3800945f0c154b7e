/// A pass-through element at which the pipeline starts a new segment and streaming thread (`queue`).
///
/// The executor turns such an element into a bounded single-producer/single-consumer queue between the
/// segment upstream and a new segment downstream, with these limits and leak policy.
public protocol QueueBoundary: Element {
    /// The most buffers held (0 = no limit).
    var maxSizeBuffers: Int { get }
    /// The most bytes held (0 = no limit).
    var maxSizeBytes: Int { get }
    /// The most time held, in nanoseconds (0 = no limit).
    var maxSizeTime: UInt64 { get }
    /// What to do when full.
    var leakPolicy: QueueLeak { get }
}

/// What a full queue does with new data: GStreamer's `leaky` property.
public enum QueueLeak: Int, Sendable, Hashable, CaseIterable {
    /// Block the producer until there is room (`no`).
    case no = 0
    /// Drop the new buffer (`upstream`).
    case upstream = 1
    /// Drop the oldest buffer (`downstream`).
    case downstream = 2
}
