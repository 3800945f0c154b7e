/// Reads little-endian fields from a control payload, checking every length; never traps on bad input.
struct ControlWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Bytes not yet read.
    var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int) throws(ControlProtocolError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw .truncated(needed: count, available: remaining) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func u8() throws(ControlProtocolError) -> UInt8 { try take(1).first! }

    mutating func bool(_ name: String) throws(ControlProtocolError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw .invalidField(name)
        }
    }

    mutating func u32() throws(ControlProtocolError) -> UInt32 {
        try take(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    mutating func i32() throws(ControlProtocolError) -> Int32 { Int32(bitPattern: try u32()) }

    mutating func u64() throws(ControlProtocolError) -> UInt64 {
        try take(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    mutating func optionalU64(_ name: String) throws(ControlProtocolError) -> UInt64? {
        try bool(name) ? try u64() : nil
    }

    /// A u32 byte count (at most `limit`), then that many bytes of valid UTF-8.
    mutating func string(_ name: String, limit: Int) throws(ControlProtocolError) -> String {
        let count = Int(try u32())
        guard count <= limit else { throw .invalidField(name) }
        guard let text = String(validating: try take(count), as: UTF8.self) else { throw .invalidField(name) }
        return text
    }

    /// Throws when bytes are left over.
    func finish() throws(ControlProtocolError) {
        if remaining != 0 { throw .trailingBytes(remaining) }
    }
}
