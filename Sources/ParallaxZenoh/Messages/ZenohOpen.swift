/// OPEN, the second handshake message: the lease after which a silent peer is dropped and the first frame
/// sequence number; the request echoes the responder's INIT cookie.
///
/// ```
/// 0x02 |Z|T|A|  lease:zint (seconds if T, else milliseconds)  initial_sn:zint  [cookie <u8;z16> unless A]  [exts]
/// ```
public struct ZenohOpen: Sendable, Equatable {
    /// Whether this is the responder's acknowledgement.
    public var isAck: Bool
    /// The lease in milliseconds.
    public var leaseMilliseconds: UInt64
    /// The first sequence number the sender will use.
    public var initialSequence: UInt64
    /// The cookie from INIT Ack (requests only).
    public var cookie: [UInt8]

    /// An OPEN.
    public init(isAck: Bool, leaseMilliseconds: UInt64, initialSequence: UInt64, cookie: [UInt8] = []) {
        self.isAck = isAck
        self.leaseMilliseconds = leaseMilliseconds
        self.initialSequence = initialSequence
        self.cookie = cookie
    }

    static func read(_ reader: inout ZenohReader, header: UInt8) throws(ZenohProtocolError) -> ZenohOpen {
        let lease = try reader.zint()
        let sequence = try reader.zint()
        let isAck = header & 0x20 != 0
        let cookie = isAck ? [] : try reader.bytes(max: UInt64(UInt16.max))
        if header & 0x80 != 0 { _ = try ZenohExtension.readAll(&reader, knowing: [1, 2, 3, 4, 5, 6, 7], in: "an OPEN") }
        return ZenohOpen(
            isAck: isAck, leaseMilliseconds: header & 0x40 != 0 ? lease * 1000 : lease, initialSequence: sequence,
            cookie: cookie)
    }

    /// Writes it with the lease in milliseconds (no T flag): routers of version 1.10 leave an OPEN request with
    /// the lease in seconds unanswered.
    func write(to writer: inout ZenohWriter) {
        writer.u8(0x02 | (isAck ? 0x20 : 0))
        writer.zint(leaseMilliseconds)
        writer.zint(initialSequence)
        if !isAck { writer.bytes(cookie) }
    }
}
