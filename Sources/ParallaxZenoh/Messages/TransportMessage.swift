/// A transport message: the session handshake, keep-alives, and the FRAMEs and FRAGMENTs that carry network
/// messages. Several may share a batch; a FRAGMENT takes the rest of its batch.
///
/// ```
/// INIT      0x01 |Z|S|A| version, (zid_len−1)<<4 | whatami, zid, [S: resolution u8, batch u16le], [A: cookie], [exts]
/// OPEN      0x02 |Z|T|A| lease:zint (s if T, else ms), initial_sn:zint, [cookie <u8;z16> unless A], [exts]
/// CLOSE     0x03 |Z|-|S| reason:u8
/// KEEPALIVE 0x04 |Z|
/// FRAME     0x05 |Z|-|R| sn:zint, [exts], network messages to the end of the batch
/// FRAGMENT  0x06 |Z|M|R| sn:zint, [exts], bytes to the end of the batch      M: more follow
/// ```
public enum TransportMessage: Sendable, Equatable {
    /// The first message of a session (acknowledged by the responder with its cookie).
    case initialize(ZenohInit)
    /// The second: lease and first sequence number (`cookie` only in the request).
    case open(ZenohOpen)
    /// The session (or link) ends, with a reason code.
    case close(reason: UInt8, session: Bool)
    /// Nothing to say; the link is alive.
    case keepAlive
    /// Network messages on the reliable or best-effort channel.
    case frame(reliable: Bool, sequence: UInt64, messages: [NetworkMessage])
    /// One piece of a network message too large for a batch.
    case fragment(reliable: Bool, more: Bool, sequence: UInt64, bytes: ArraySlice<UInt8>)

    /// The CLOSE reasons: generic, unsupported, invalid, max sessions, max links, expired, unresponsive, self.
    public static let closeReasons = [
        "generic", "unsupported", "invalid", "too many sessions", "too many links", "lease expired", "unresponsive",
        "connection to self",
    ]

    /// The name of CLOSE reason `code`, or the number when it is not one of `closeReasons`.
    public static func closeReasonName(_ code: UInt8) -> String {
        Int(code) < closeReasons.count ? closeReasons[Int(code)] : "\(code)"
    }

    /// Reads the messages of one batch.
    public static func readBatch(_ batch: [UInt8]) throws(ZenohProtocolError) -> [TransportMessage] {
        var reader = ZenohReader(batch)
        var messages: [TransportMessage] = []
        while !reader.isAtEnd { messages.append(try read(&reader)) }
        return messages
    }

    static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> TransportMessage {
        let start = reader.offset
        let header = try reader.u8()
        let hasExtensions = header & 0x80 != 0
        func skipExtensions(_ reader: inout ZenohReader, _ name: String) throws(ZenohProtocolError) {
            if hasExtensions { _ = try ZenohExtension.readAll(&reader, knowing: [1], in: name) }
        }
        switch header & 0x1F {
        case 0x01:
            return .initialize(try ZenohInit.read(&reader, header: header))
        case 0x02:
            return .open(try ZenohOpen.read(&reader, header: header))
        case 0x03:
            let reason = try reader.u8()
            try skipExtensions(&reader, "a CLOSE")
            return .close(reason: reason, session: header & 0x20 != 0)
        case 0x04:
            try skipExtensions(&reader, "a KEEP_ALIVE")
            return .keepAlive
        case 0x05:
            let sequence = try reader.zint()
            try skipExtensions(&reader, "a FRAME")
            var messages: [NetworkMessage] = []
            while !reader.isAtEnd, NetworkMessage.starts(try reader.peek()) {
                messages.append(try NetworkMessage.read(&reader))
            }
            return .frame(reliable: header & 0x20 != 0, sequence: sequence, messages: messages)
        case 0x06:
            let sequence = try reader.zint()
            if hasExtensions { _ = try ZenohExtension.readAll(&reader, knowing: [1, 2, 3], in: "a FRAGMENT") }
            return .fragment(reliable: header & 0x20 != 0, more: header & 0x40 != 0, sequence: sequence, bytes: reader.rest())
        default:
            throw ZenohProtocolError("unknown transport message 0x\(String(header & 0x1F, radix: 16))", at: start)
        }
    }

    /// Writes the message.
    public func write(to writer: inout ZenohWriter) {
        switch self {
        case .initialize(let message):
            message.write(to: &writer)
        case .open(let message):
            message.write(to: &writer)
        case .close(let reason, let session):
            writer.u8(0x03 | (session ? 0x20 : 0))
            writer.u8(reason)
        case .keepAlive:
            writer.u8(0x04)
        case .frame(let reliable, let sequence, let messages):
            writer.u8(0x05 | (reliable ? 0x20 : 0))
            writer.zint(sequence)
            for message in messages { message.write(to: &writer) }
        case .fragment(let reliable, let more, let sequence, let bytes):
            writer.u8(0x06 | (reliable ? 0x20 : 0) | (more ? 0x40 : 0))
            writer.zint(sequence)
            writer.raw(bytes)
        }
    }
}
