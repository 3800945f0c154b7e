/// The encoding of a Zenoh payload: a numeric id and an optional schema (`video/raw;format=RGBA,…`).
///
/// ```
/// zint((id << 1) | S), [schema <u8;z8> if S]
/// ```
/// ```swift
/// let encoding = ZenohEncoding(id: ZenohEncoding.videoRaw, schema: "format=RGBA,width=640,height=480")
/// ```
/// Thread: a value.
public struct ZenohEncoding: Sendable, Hashable {
    /// `zenoh/bytes`, the default.
    public static let zenohBytes: UInt16 = 0
    /// `application/octet-stream`.
    public static let octetStream: UInt16 = 3
    /// `video/raw`.
    public static let videoRaw: UInt16 = 50

    /// The encoding id from zenoh's table.
    public var id: UInt16
    /// The schema, or nil.
    public var schema: String?

    /// An encoding.
    public init(id: UInt16, schema: String? = nil) {
        self.id = id
        self.schema = schema
    }

    /// Reads one.
    public static func read(_ reader: inout ZenohReader) throws(ZenohProtocolError) -> ZenohEncoding {
        let value = try reader.zint(max: UInt64(UInt32.max), "an encoding")
        let id = UInt16(truncatingIfNeeded: value >> 1)
        let schema = value & 1 == 1 ? try reader.string(max: 255) : nil
        return ZenohEncoding(id: id, schema: schema)
    }

    /// Writes it.
    public func write(to writer: inout ZenohWriter) {
        writer.zint(UInt64(id) << 1 | (schema == nil ? 0 : 1))
        if let schema { writer.bytes(Array(schema.utf8.prefix(255))) }
    }
}
