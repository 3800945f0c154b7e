/// The body of a PUT: a sample's payload with its encoding, timestamp and attachment.
///
/// ```
/// |Z|E|T| PUT(0x01)   [timestamp if T]  [encoding if E]  [exts if Z: SourceInfo 1, Shm 2 (M), Attachment 3]
///                     payload <u8;z32>
/// ```
/// Thread: a value.
public struct ZenohPut: Sendable, Equatable {
    /// The sample's bytes (a received sample's share the storage of the message it arrived in).
    public var payload: ZenohBytes
    /// Its encoding, or nil for the default (`zenoh/bytes`).
    public var encoding: ZenohEncoding?
    /// Its timestamp, or nil.
    public var timestamp: ZenohTimestamp?
    /// Bytes attached to the sample (Parallax: pts, duration, flags, sequence number), or nil.
    public var attachment: [UInt8]?

    /// A PUT.
    public init(
        payload: ZenohBytes, encoding: ZenohEncoding? = nil, timestamp: ZenohTimestamp? = nil,
        attachment: [UInt8]? = nil
    ) {
        self.payload = payload
        self.encoding = encoding
        self.timestamp = timestamp
        self.attachment = attachment
    }

    /// A PUT of `payload`'s bytes.
    public init(
        payload: [UInt8], encoding: ZenohEncoding? = nil, timestamp: ZenohTimestamp? = nil,
        attachment: [UInt8]? = nil
    ) {
        self.init(payload: ZenohBytes(payload), encoding: encoding, timestamp: timestamp, attachment: attachment)
    }

    static let id: UInt8 = 0x01
    static let attachmentExtension: UInt8 = 0x03

    /// Reads the body after its header byte `header`.
    static func read(_ reader: inout ZenohReader, header: UInt8) throws(ZenohProtocolError) -> ZenohPut {
        let timestamp = header & 0x20 != 0 ? try ZenohTimestamp.read(&reader) : nil
        let encoding = header & 0x40 != 0 ? try ZenohEncoding.read(&reader) : nil
        var attachment: [UInt8]?
        if header & 0x80 != 0 {
            for ext in try ZenohExtension.readAll(&reader, knowing: [1, 3], in: "a PUT")
            where ext.id == attachmentExtension {
                if case .bytes(let bytes) = ext.body { attachment = bytes }
            }
        }
        let payload = ZenohBytes(try reader.raw(Int(try reader.zint(max: UInt64(UInt32.max), "a length"))))
        return ZenohPut(payload: payload, encoding: encoding, timestamp: timestamp, attachment: attachment)
    }

    /// Writes header and body.
    func write(to writer: inout ZenohWriter) {
        writeHeader(to: &writer, payloadCount: payload.count)
        payload.withUnsafeBytes { writer.raw($0) }
    }

    /// Writes everything but the payload's bytes, ending with the length of a payload of `payloadCount` bytes (so
    /// that the payload can be sent from where it lies).
    func writeHeader(to writer: inout ZenohWriter, payloadCount: Int) {
        var header = Self.id
        if timestamp != nil { header |= 0x20 }
        if encoding != nil { header |= 0x40 }
        if attachment != nil { header |= 0x80 }
        writer.u8(header)
        timestamp?.write(to: &writer)
        encoding?.write(to: &writer)
        if let attachment {
            ZenohExtension.write([ZenohExtension(id: Self.attachmentExtension, body: .bytes(attachment))], to: &writer)
        }
        writer.zint(UInt64(payloadCount))
    }
}
