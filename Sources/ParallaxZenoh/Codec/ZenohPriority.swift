/// A sample's priority, as Zenoh's QoS extension carries it (the low three bits of the PUSH's QoS zint, and
/// the lane a router queues the sample on towards peers that negotiated QoS): 1 real-time, the most urgent,
/// to 7 background; 5 `data` is the default. Priority 0 (control) is zenoh's own and never used for samples.
///
/// ```swift
/// try session.put("robot/estop", ZenohPut(payload: [1]), priority: .realTime)
/// ```
/// Thread: a value.
public enum ZenohPriority: Int, Sendable, Hashable, CaseIterable {
    /// 1: real-time traffic (control loops, emergency stops).
    case realTime = 1
    /// 2: interactive, high.
    case interactiveHigh = 2
    /// 3: interactive, low.
    case interactiveLow = 3
    /// 4: data, high.
    case dataHigh = 4
    /// 5: data (zenoh's default for puts).
    case data = 5
    /// 6: data, low.
    case dataLow = 6
    /// 7: background transfers.
    case background = 7

    /// The priority in a QoS extension value (`|E|D|P P P|`); `data` for 0 or anything unknown.
    init(qos: UInt64) { self = ZenohPriority(rawValue: Int(qos & 0x07)) ?? .data }
}
