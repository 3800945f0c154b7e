/// What a PUSH carries: a PUT (a sample) or a DEL (a key removed).
///
/// ```
/// PUT 0x01 (see ZenohPut)      DEL |Z|-|T| 0x02, [timestamp if T], [exts if Z]
/// ```
public enum PushBody: Sendable, Equatable {
    /// A sample.
    case put(ZenohPut)
    /// The key was deleted.
    case delete(ZenohTimestamp?)

    static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> PushBody {
        let start = reader.offset
        let header = try reader.u8()
        switch header & 0x1F {
        case ZenohPut.id:
            return .put(try ZenohPut.read(&reader, header: header))
        case 0x02:
            let timestamp = header & 0x20 != 0 ? try ZenohTimestamp.read(&reader) : nil
            if header & 0x80 != 0 { _ = try ZenohExtension.readAll(&reader, knowing: [1], in: "a DEL") }
            return .delete(timestamp)
        default:
            throw ZenohProtocolError("a PUSH carries body 0x\(String(header & 0x1F, radix: 16)), not PUT or DEL", at: start)
        }
    }

    func write(to writer: inout ZenohWriter) {
        switch self {
        case .put(let put):
            put.write(to: &writer)
        case .delete(let timestamp):
            writer.u8(0x02 | (timestamp == nil ? 0 : 0x20))
            timestamp?.write(to: &writer)
        }
    }
}
