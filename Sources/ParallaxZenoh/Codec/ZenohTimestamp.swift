/// A Zenoh timestamp: a 64-bit NTP time and the id of the node that made it.
///
/// ```
/// ntp64:zint, id <u8;z8>
/// ```
/// Thread: a value.
public struct ZenohTimestamp: Sendable, Hashable {
    /// Seconds since 1900 in the high 32 bits, fraction in the low 32.
    public var time: UInt64
    /// The node id's bytes.
    public var id: [UInt8]

    /// A timestamp.
    public init(time: UInt64, id: [UInt8]) {
        self.time = time
        self.id = id
    }

    /// Reads one.
    public static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> ZenohTimestamp {
        let time = try reader.zint()
        let id = try reader.bytes(max: 16)
        return ZenohTimestamp(time: time, id: id)
    }

    /// Writes it.
    public func write(to writer: inout ZenohWriter) {
        writer.zint(time)
        writer.bytes(id)
    }
}
