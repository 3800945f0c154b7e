/// Writes the primitives of the Zenoh wire format into a growing byte array.
///
/// ```
/// zint     7 bits per byte, little-endian groups, bit 7 = more; the 9th byte carries 8 bits
/// <u8;zN>  zint length, then the bytes
/// ```
/// ```swift
/// var writer = ZenohWriter()
/// writer.zint(300)          // AC 02
/// writer.bytes([1, 2])      // 02 01 02
/// ```
/// Thread: a value; use from one thread at a time.
public struct ZenohWriter: Sendable {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer, with room for `capacity` bytes.
    public init(capacity: Int = 64) {
        bytes.reserveCapacity(capacity)
    }

    /// Bytes written so far.
    public var count: Int { bytes.count }

    /// One byte.
    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    /// A 16-bit little-endian integer.
    public mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// A variable-length integer (zint).
    public mutating func zint(_ value: UInt64) {
        var value = value
        for _ in 0..<8 {
            if value < 0x80 {
                bytes.append(UInt8(value))
                return
            }
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// A zint length and the bytes.
    public mutating func bytes(_ value: some Collection<UInt8>) {
        zint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A zint length and the string's UTF-8 bytes.
    public mutating func string(_ value: String) { bytes(Array(value.utf8)) }

    /// Raw bytes, with no length.
    public mutating func raw(_ value: some Collection<UInt8>) { bytes.append(contentsOf: value) }

    /// Raw bytes from memory, with no length.
    public mutating func raw(_ value: UnsafeRawBufferPointer) { bytes.append(contentsOf: value) }

    /// The number of bytes `zint(value)` writes.
    public static func zintLength(_ value: UInt64) -> Int {
        var value = value, length = 1
        while value >= 0x80, length < 9 {
            value >>= 7
            length += 1
        }
        return length
    }
}
