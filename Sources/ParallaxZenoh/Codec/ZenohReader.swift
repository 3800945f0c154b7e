/// Reads the primitives of the Zenoh wire format from a batch, checking every length against what is left.
///
/// ```swift
/// var reader = ZenohReader([0xAC, 0x02])
/// let value = try reader.zint()   // 300
/// ```
/// Thread: a value; use from one thread at a time.
public struct ZenohReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int
    private let end: Int

    /// A reader over `bytes[start..<end]` (the whole array by default).
    public init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.offset = start
        self.end = end ?? bytes.count
    }

    /// Bytes left.
    public var remaining: Int { end - offset }
    /// Whether every byte was read.
    public var isAtEnd: Bool { offset >= end }

    /// The next byte, without reading it.
    public func peek() throws(ZenohProtocolError) -> UInt8 {
        guard offset < end else { throw ZenohProtocolError("the message ends early", at: offset) }
        return bytes[offset]
    }

    /// One byte.
    public mutating func u8() throws(ZenohProtocolError) -> UInt8 {
        let value = try peek()
        offset += 1
        return value
    }

    /// A 16-bit little-endian integer.
    public mutating func u16() throws(ZenohProtocolError) -> UInt16 {
        let low = try u8(), high = try u8()
        return UInt16(low) | UInt16(high) << 8
    }

    /// A variable-length integer (zint).
    public mutating func zint() throws(ZenohProtocolError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        for index in 0..<9 {
            guard offset < end else { throw ZenohProtocolError("a zint runs past the end of the message", at: start) }
            let byte = bytes[offset]
            offset += 1
            if index == 8 { return value | UInt64(byte) << 56 }
            value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
            if byte & 0x80 == 0 { return value }
        }
        return value
    }

    /// A zint no larger than `limit` (a bounded z8/z16/z32), named `what` in errors.
    public mutating func zint(max limit: UInt64, _ what: String) throws(ZenohProtocolError) -> UInt64 {
        let start = offset
        let value = try zint()
        guard value <= limit else { throw ZenohProtocolError("\(what) \(value) is larger than \(limit)", at: start) }
        return value
    }

    /// `count` raw bytes.
    public mutating func raw(_ count: Int) throws(ZenohProtocolError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw ZenohProtocolError("\(count) bytes are announced but \(remaining) are left", at: offset)
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A zint length (at most `limit`) and the bytes.
    public mutating func bytes(max limit: UInt64 = UInt64(UInt32.max)) throws(ZenohProtocolError) -> [UInt8] {
        let length = try zint(max: limit, "a length")
        return Array(try raw(Int(length)))
    }

    /// A zint length and UTF-8 bytes.
    public mutating func string(max limit: UInt64 = UInt64(UInt16.max)) throws(ZenohProtocolError) -> String {
        let start = offset
        let value = try bytes(max: limit)
        guard let text = String(validating: value, as: UTF8.self) else {
            throw ZenohProtocolError("a string is not UTF-8", at: start)
        }
        return text
    }

    /// Everything left.
    public mutating func rest() -> ArraySlice<UInt8> {
        defer { offset = end }
        return bytes[offset..<end]
    }
}
