/// A network message, carried inside a FRAME (which gives no lengths: each is read to its end).
///
/// ```
/// PUSH     0x1D |Z|M|N| key_scope:z16, [suffix], [exts: QoS 1 (priority, congestion), Timestamp 2, NodeId 3 (M)], PUT | DEL
/// DECLARE  0x1E |Z|-|I| [interest_id:z32], [exts], declaration
/// INTEREST 0x19 |Z|mode| id:z32, [if mode ≠ 0: options |A|M|N|R|T|Q|S|K|, [wire expr if R]], [exts]
/// OAM      0x1F |Z|ENC| id:z16, [exts], body (unit, zint or <u8;z32>)
/// RESPONSE_FINAL 0x1A |Z| request_id:z32, [exts]
/// ```
/// REQUEST (0x1C) and RESPONSE (0x1B) carry queries, which a client that declares no queryable and sends no
/// query is never sent; reading one is an error that ends the batch.
public enum NetworkMessage: Sendable, Equatable {
    /// A sample or deletion for `key`, with the congestion control and priority of its QoS extension (which is
    /// left out when both are zenoh's defaults, `.drop` and `.data`).
    case push(key: WireExpression, body: PushBody, congestion: ZenohCongestion = .drop, priority: ZenohPriority = .data)
    /// A declaration, possibly answering interest `interest`.
    case declare(interest: UInt32?, ZenohDeclaration)
    /// Another node's interest in declarations (read, not acted on).
    case interest(id: UInt32)
    /// Operations and management (read, not acted on).
    case oam(id: UInt16)
    /// The end of the answers to a query.
    case responseFinal(request: UInt32)

    /// Whether `header` starts a network message (0x19–0x1F), as opposed to a transport message.
    static func starts(_ header: UInt8) -> Bool { (0x19...0x1F).contains(header & 0x1F) }

    static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> NetworkMessage {
        let start = reader.offset
        let header = try reader.u8()
        let hasExtensions = header & 0x80 != 0
        func skipExtensions(_ reader: inout ZenohReader, _ name: String) throws(ZenohProtocolError) {
            if hasExtensions { _ = try ZenohExtension.readAll(&reader, knowing: [1, 2, 3, 7], in: name) }
        }
        switch header & 0x1F {
        case 0x1D:
            let key = try WireExpression.read(&reader, hasSuffix: header & 0x20 != 0, isSenderMapping: header & 0x40 != 0)
            var congestion = ZenohCongestion.drop
            var priority = ZenohPriority.data
            if hasExtensions {
                for ext in try ZenohExtension.readAll(&reader, knowing: [1, 2, 3, 7], in: "a PUSH") where ext.id == 1 {
                    if case .zint(let qos) = ext.body {
                        congestion = ZenohCongestion(qos: qos)
                        priority = ZenohPriority(qos: qos)
                    }
                }
            }
            return .push(key: key, body: try PushBody.read(&reader), congestion: congestion, priority: priority)
        case 0x1E:
            let interest = header & 0x20 != 0 ? UInt32(try reader.zint(max: UInt64(UInt32.max), "an interest id")) : nil
            try skipExtensions(&reader, "a DECLARE")
            return .declare(interest: interest, try ZenohDeclaration.read(&reader))
        case 0x19:
            let id = UInt32(try reader.zint(max: UInt64(UInt32.max), "an interest id"))
            if (header >> 5) & 0x03 != 0 {
                let options = try reader.u8()
                if options & 0x10 != 0 {
                    _ = try WireExpression.read(&reader, hasSuffix: options & 0x20 != 0, isSenderMapping: options & 0x40 != 0)
                }
            }
            try skipExtensions(&reader, "an INTEREST")
            return .interest(id: id)
        case 0x1F:
            let id = UInt16(try reader.zint(max: UInt64(UInt16.max), "an OAM id"))
            try skipExtensions(&reader, "an OAM")
            switch (header >> 5) & 0x03 {
            case 0: break
            case 1: _ = try reader.zint()
            case 2: _ = try reader.bytes()
            default: throw ZenohProtocolError("an OAM has the reserved encoding 3", at: start)
            }
            return .oam(id: id)
        case 0x1A:
            let request = UInt32(try reader.zint(max: UInt64(UInt32.max), "a request id"))
            try skipExtensions(&reader, "a RESPONSE_FINAL")
            return .responseFinal(request: request)
        case 0x1B, 0x1C:
            throw ZenohProtocolError("a query message (0x\(String(header & 0x1F, radix: 16))) arrived; this client makes no queries", at: start)
        default:
            throw ZenohProtocolError("unknown network message 0x\(String(header & 0x1F, radix: 16))", at: start)
        }
    }

    /// Writes a PUSH up to its body: header, key and the QoS extension (left out for zenoh's defaults).
    static func writePushHeader(
        key: WireExpression, congestion: ZenohCongestion, priority: ZenohPriority, to writer: inout ZenohWriter
    ) {
        let isDefault = congestion == .drop && priority == .data
        let qos = isDefault ? nil : ZenohExtension(id: 1, body: .zint(congestion.qos(priority: priority)))
        writer.u8(0x1D | (key.hasSuffix ? 0x20 : 0) | (key.isSenderMapping ? 0x40 : 0) | (qos == nil ? 0 : 0x80))
        key.write(to: &writer)
        if let qos { ZenohExtension.write([qos], to: &writer) }
    }

    func write(to writer: inout ZenohWriter) {
        switch self {
        case .push(let key, let body, let congestion, let priority):
            Self.writePushHeader(key: key, congestion: congestion, priority: priority, to: &writer)
            body.write(to: &writer)
        case .declare(let interest, let declaration):
            writer.u8(0x1E | (interest == nil ? 0 : 0x20))
            if let interest { writer.zint(UInt64(interest)) }
            declaration.write(to: &writer)
        case .interest(let id):
            writer.u8(0x19)  // mode Final: no options
            writer.zint(UInt64(id))
        case .oam(let id):
            writer.u8(0x1F)
            writer.zint(UInt64(id))
        case .responseFinal(let request):
            writer.u8(0x1A)
            writer.zint(UInt64(request))
        }
    }
}
