/// One extension of a Zenoh message (a TLV): `|Z|ENC|M|ID|` then a body of unit, zint or bytes.
///
/// ```
/// bit 7 Z  another extension follows      bits 5–6 ENC  0 unit, 1 zint, 2 <u8;z32>
/// bit 4 M  mandatory (unknown → error)     bits 0–3 ID
/// ```
/// Unknown extensions that are not mandatory are skipped; the codecs keep the ones they know.
/// Thread: a value.
public struct ZenohExtension: Sendable, Equatable {
    /// The body.
    public enum Body: Sendable, Equatable {
        /// No body.
        case unit
        /// A zint.
        case zint(UInt64)
        /// Bytes with a zint length.
        case bytes([UInt8])
    }

    /// The extension's id (0–15) within its message.
    public var id: UInt8
    /// Whether a receiver that does not know it must refuse the message.
    public var isMandatory: Bool
    /// The body.
    public var body: Body

    /// An extension.
    public init(id: UInt8, isMandatory: Bool = false, body: Body) {
        self.id = id
        self.isMandatory = isMandatory
        self.body = body
    }

    /// Reads extensions while the Z bit says another follows.
    public static func readAll(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> [ZenohExtension] {
        var result: [ZenohExtension] = []
        while true {
            let header = try reader.u8()
            let body: Body
            switch (header >> 5) & 0x03 {
            case 0: body = .unit
            case 1: body = .zint(try reader.zint())
            case 2: body = .bytes(try reader.bytes())
            default: throw ZenohProtocolError("extension \(header & 0x0F) has the reserved encoding 3", at: reader.offset - 1)
            }
            result.append(ZenohExtension(id: header & 0x0F, isMandatory: header & 0x10 != 0, body: body))
            if header & 0x80 == 0 { return result }
        }
    }

    /// Reads extensions, refusing a mandatory one whose id is not in `known` (named `message` in the error).
    public static func readAll(
        _ reader: inout ZenohReader, knowing known: Set<UInt8>, in message: String
    ) throws(ZenohProtocolError) -> [ZenohExtension] {
        let start = reader.offset
        let all = try readAll(&reader)
        if let unknown = all.first(where: { $0.isMandatory && !known.contains($0.id) }) {
            throw ZenohProtocolError("\(message) has an unknown mandatory extension \(unknown.id)", at: start)
        }
        return all
    }

    /// Writes `extensions`, setting Z on all but the last.
    public static func write(_ extensions: [ZenohExtension], to writer: inout ZenohWriter) {
        for (index, ext) in extensions.enumerated() {
            var header = ext.id & 0x0F
            if ext.isMandatory { header |= 0x10 }
            if index < extensions.count - 1 { header |= 0x80 }
            switch ext.body {
            case .unit:
                writer.u8(header)
            case .zint(let value):
                writer.u8(header | 0x20)
                writer.zint(value)
            case .bytes(let value):
                writer.u8(header | 0x40)
                writer.bytes(value)
            }
        }
    }
}
