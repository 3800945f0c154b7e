/// Appends EBML elements (Matroska's binary XML) to a byte array: IDs, variable-length sizes and the typed
/// payloads of unsigned integers, floats, strings, binaries and master elements.
///
/// ```
/// element:  ID (1-4 bytes, marker bits kept) │ size (vint, 1-8 bytes) │ payload (size bytes)
/// vint:     0b1xxxxxxx (1 byte) … 0b00000001 xxxxxxxx×7 (8 bytes); all x bits set = unknown size
/// ```
/// ```swift
/// var writer = EBMLWriter()
/// writer.master(MatroskaID.info) { info in
///     info.unsigned(MatroskaID.timecodeScale, 1_000_000)
///     info.string(MatroskaID.muxingApp, "Parallax")
/// }
/// ```
/// Thread: any; a plain value.
struct EBMLWriter {
    /// The bytes written so far.
    var bytes: [UInt8] = []

    /// The size field of an element whose size is not known (8 bytes, all value bits set).
    static let unknownSize: [UInt8] = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]

    /// The bytes of element ID `id` (IDs keep their length marker, so they are written as stored).
    static func idBytes(_ id: UInt32) -> [UInt8] {
        let length = id > 0xFF_FFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1
        return (0..<length).reversed().map { UInt8(truncatingIfNeeded: id >> (UInt32($0) * 8)) }
    }

    /// `value` as a size vint of `length` bytes (1-8), or of the fewest bytes that hold it when nil.
    static func sizeBytes(_ value: UInt64, length: Int? = nil) -> [UInt8] {
        var count = 1
        while count < 8, value >= (UInt64(1) << (7 * UInt64(count))) - 1 { count += 1 }
        let n = max(count, length ?? count)
        var out = [UInt8](repeating: 0, count: n)
        for index in 0..<n { out[n - 1 - index] = UInt8(truncatingIfNeeded: value >> (UInt64(index) * 8)) }
        out[0] |= UInt8(0x80 >> (n - 1))
        return out
    }

    /// Writes element `id` with `payload` as its bytes.
    mutating func binary(_ id: UInt32, _ payload: [UInt8]) {
        bytes += Self.idBytes(id)
        bytes += Self.sizeBytes(UInt64(payload.count))
        bytes += payload
    }

    /// Writes an unsigned integer element in the fewest bytes (at least one), or in `length` bytes.
    mutating func unsigned(_ id: UInt32, _ value: UInt64, length: Int? = nil) {
        var count = 1
        while count < 8, value >> (UInt64(count) * 8) != 0 { count += 1 }
        let n = max(count, length ?? count)
        binary(id, (0..<n).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) })
    }

    /// Writes a 64-bit float element.
    mutating func float(_ id: UInt32, _ value: Double) {
        let bits = value.bitPattern
        binary(id, (0..<8).reversed().map { UInt8(truncatingIfNeeded: bits >> (UInt64($0) * 8)) })
    }

    /// Writes a UTF-8 string element.
    mutating func string(_ id: UInt32, _ value: String) {
        binary(id, Array(value.utf8))
    }

    /// Writes a master element whose children `body` writes, with its size.
    mutating func master(_ id: UInt32, _ body: (inout EBMLWriter) -> Void) {
        var child = EBMLWriter()
        body(&child)
        binary(id, child.bytes)
    }

    /// Writes a Void element (`0xEC`) taking exactly `total` bytes (at least 2) in all.
    mutating func void(total: Int) {
        bytes.append(0xEC)
        let payload = total - 2
        bytes += Self.sizeBytes(UInt64(payload), length: 1)
        bytes += [UInt8](repeating: 0, count: payload)
    }
}
