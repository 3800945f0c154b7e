/// What a router does with a sample when the link onwards is full: drop it (zenoh's default for puts), or
/// hold the sender back until there is room. Carried in a PUSH's QoS extension (id 1, a zint:
/// `|E|D|P P P|`, D = do not drop, P = priority, 5 for data).
public enum ZenohCongestion: Sendable, Hashable {
    /// Drop the sample (the default): a slow subscriber loses samples, the publisher never waits.
    case drop
    /// Block: nothing is lost on a reliable path, and a slow subscriber slows the publisher.
    case block

    /// The QoS extension value for this congestion control with `priority`.
    func qos(priority: ZenohPriority) -> UInt64 { UInt64(priority.rawValue) | (self == .block ? 0x08 : 0) }

    /// The congestion control a QoS extension value asks for.
    init(qos: UInt64) { self = qos & 0x08 != 0 ? .block : .drop }
}
