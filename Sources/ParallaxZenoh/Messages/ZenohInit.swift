/// INIT, the first handshake message, in both directions: who the node is and, from the responder, the
/// negotiated sequence-number resolution and batch size plus a cookie to echo in OPEN.
///
/// ```
/// 0x01 |Z|S|A|  version(0x09)  (zid_len−1)<<4 | whatami  zid
///               [S: resolution u8 (bits 0–1 FSN, 2–3 request id: 0 = 8 … 3 = 64 bits), batch u16le]
///               [A: cookie <u8;z16>]  [exts]
/// ```
public struct ZenohInit: Sendable, Equatable {
    /// The protocol version this client speaks (Zenoh 1.x).
    public static let protocolVersion: UInt8 = 0x09

    /// Whether this is the responder's acknowledgement.
    public var isAck: Bool
    /// The protocol version.
    public var version: UInt8
    /// The node's role.
    public var whatAmI: WhatAmI
    /// The node's id.
    public var id: ZenohID
    /// Bits of a frame sequence number (8, 16, 32 or 64); nil when the S flag is absent (32).
    public var sequenceBits: Int?
    /// The largest batch in bytes; nil when the S flag is absent (65535).
    public var batchSize: UInt16?
    /// The responder's cookie (acks only).
    public var cookie: [UInt8]

    /// An INIT.
    public init(
        isAck: Bool, version: UInt8 = ZenohInit.protocolVersion, whatAmI: WhatAmI, id: ZenohID,
        sequenceBits: Int? = nil, batchSize: UInt16? = nil, cookie: [UInt8] = []
    ) {
        self.isAck = isAck
        self.version = version
        self.whatAmI = whatAmI
        self.id = id
        self.sequenceBits = sequenceBits
        self.batchSize = batchSize
        self.cookie = cookie
    }

    /// The largest frame sequence number for a resolution of `bits`: what fits the zint bytes that many bits
    /// take (7 of 8, 14 of 16, 28 of 32, 63 of 64), as zenoh counts them. Numbers wrap to 0 after it.
    public static func sequenceMask(bits: Int) -> UInt64 {
        switch bits {
        case ...8: (1 << 7) - 1
        case ...16: (1 << 14) - 1
        case ...32: (1 << 28) - 1
        default: UInt64.max >> 1
        }
    }

    static func read(_ reader: inout ZenohReader, header: UInt8) throws(ZenohProtocolError) -> ZenohInit {
        let start = reader.offset
        let version = try reader.u8()
        let roleByte = try reader.u8()
        guard let role = WhatAmI(rawValue: roleByte & 0x03) else {
            throw ZenohProtocolError("INIT names role \(roleByte & 0x03)", at: start + 1)
        }
        guard let id = ZenohID(Array(try reader.raw(Int(roleByte >> 4) + 1))) else {
            throw ZenohProtocolError("INIT has a bad node id", at: start + 2)
        }
        var sequenceBits: Int?, batchSize: UInt16?
        if header & 0x40 != 0 {
            sequenceBits = 8 << Int(try reader.u8() & 0x03)
            batchSize = try reader.u16()
        }
        let isAck = header & 0x20 != 0
        let cookie = isAck ? try reader.bytes(max: UInt64(UInt16.max)) : []
        if header & 0x80 != 0 { _ = try ZenohExtension.readAll(&reader, knowing: [1, 2, 3, 4, 5, 6, 7, 8], in: "an INIT") }
        return ZenohInit(
            isAck: isAck, version: version, whatAmI: role, id: id, sequenceBits: sequenceBits, batchSize: batchSize,
            cookie: cookie)
    }

    func write(to writer: inout ZenohWriter) {
        let sized = sequenceBits != nil || batchSize != nil
        writer.u8(0x01 | (isAck ? 0x20 : 0) | (sized ? 0x40 : 0))
        writer.u8(version)
        writer.u8(UInt8(id.bytes.count - 1) << 4 | whatAmI.rawValue)
        writer.raw(id.bytes)
        if sized {
            let bits = sequenceBits ?? 32
            let code: UInt8 = bits <= 8 ? 0 : bits <= 16 ? 1 : bits <= 32 ? 2 : 3
            writer.u8(code | 0x08)  // request ids: 32 bits
            writer.u16(batchSize ?? UInt16.max)
        }
        if isAck { writer.bytes(cookie) }
    }
}
