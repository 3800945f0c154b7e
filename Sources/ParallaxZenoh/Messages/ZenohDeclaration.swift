/// One declaration inside a DECLARE: key-expression aliases, subscribers, queryables, tokens, and the final
/// marker that ends a reply to an interest.
///
/// ```
/// D_KEYEXPR  0x00 |-|-|N| expr_id:z16, wire expr      U_KEYEXPR  0x01 expr_id:z16
/// D_SUB      0x02 |Z|M|N| id:z32, wire expr, [exts]   U_SUB      0x03 |Z| id:z32, [exts]
/// D_QBL      0x04 |Z|M|N| id:z32, wire expr, [exts]   U_QBL      0x05 |Z| id:z32, [exts]
/// D_TOKEN    0x06 |Z|M|N| id:z32, wire expr, [exts]   U_TOKEN    0x07 |Z| id:z32, [exts]
/// D_FINAL    0x1A |Z|
/// ```
public enum ZenohDeclaration: Sendable, Equatable {
    /// `id` stands for `expression` from now on.
    case keyExpression(id: UInt16, WireExpression)
    /// `id` no longer stands for anything.
    case undeclareKeyExpression(id: UInt16)
    /// A subscriber on `expression`.
    case subscriber(id: UInt32, WireExpression)
    /// Subscriber `id` is gone.
    case undeclareSubscriber(id: UInt32)
    /// A queryable on `expression` (read and ignored by a client that asks nothing).
    case queryable(id: UInt32, WireExpression)
    /// Queryable `id` is gone.
    case undeclareQueryable(id: UInt32)
    /// A liveliness token.
    case token(id: UInt32, WireExpression)
    /// Token `id` is gone.
    case undeclareToken(id: UInt32)
    /// The end of the declarations that answer an interest.
    case final

    static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> ZenohDeclaration {
        let start = reader.offset
        let header = try reader.u8()
        let suffix = header & 0x20 != 0, senderMapping = header & 0x40 != 0
        func extensions(_ reader: inout ZenohReader) throws(ZenohProtocolError) {
            if header & 0x80 != 0 { _ = try ZenohExtension.readAll(&reader, knowing: [0x0F], in: "a declaration") }
        }
        func id32(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> UInt32 {
            UInt32(try reader.zint(max: UInt64(UInt32.max), "a declaration id"))
        }
        switch header & 0x1F {
        case 0x00:
            let id = UInt16(try reader.zint(max: UInt64(UInt16.max), "a key expression id"))
            let expression = try WireExpression.read(&reader, hasSuffix: suffix, isSenderMapping: senderMapping)
            return .keyExpression(id: id, expression)
        case 0x01:
            return .undeclareKeyExpression(id: UInt16(try reader.zint(max: UInt64(UInt16.max), "a key expression id")))
        case 0x02, 0x04, 0x06:
            let id = try id32(&reader)
            let expression = try WireExpression.read(&reader, hasSuffix: suffix, isSenderMapping: senderMapping)
            try extensions(&reader)
            switch header & 0x1F {
            case 0x02: return .subscriber(id: id, expression)
            case 0x04: return .queryable(id: id, expression)
            default: return .token(id: id, expression)
            }
        case 0x03, 0x05, 0x07:
            let id = try id32(&reader)
            try extensions(&reader)
            switch header & 0x1F {
            case 0x03: return .undeclareSubscriber(id: id)
            case 0x05: return .undeclareQueryable(id: id)
            default: return .undeclareToken(id: id)
            }
        case 0x1A:
            try extensions(&reader)
            return .final
        default:
            throw ZenohProtocolError("unknown declaration 0x\(String(header & 0x1F, radix: 16))", at: start)
        }
    }

    func write(to writer: inout ZenohWriter) {
        func expressionHeader(_ id: UInt8, _ expression: WireExpression) -> UInt8 {
            id | (expression.hasSuffix ? 0x20 : 0) | (expression.isSenderMapping ? 0x40 : 0)
        }
        switch self {
        case .keyExpression(let id, let expression):
            writer.u8(expressionHeader(0x00, expression))
            writer.zint(UInt64(id))
            expression.write(to: &writer)
        case .undeclareKeyExpression(let id):
            writer.u8(0x01)
            writer.zint(UInt64(id))
        case .subscriber(let id, let expression), .queryable(let id, let expression), .token(let id, let expression):
            let kind: UInt8 = if case .subscriber = self { 0x02 } else if case .queryable = self { 0x04 } else { 0x06 }
            writer.u8(expressionHeader(kind, expression))
            writer.zint(UInt64(id))
            expression.write(to: &writer)
        case .undeclareSubscriber(let id), .undeclareQueryable(let id), .undeclareToken(let id):
            let kind: UInt8 = if case .undeclareSubscriber = self { 0x03 } else if case .undeclareQueryable = self { 0x05 } else { 0x07 }
            writer.u8(kind)
            writer.zint(UInt64(id))
        case .final:
            writer.u8(0x1A)
        }
    }
}
