import ParallaxCore

/// Reads EBML element headers and typed payloads from bytes: IDs, variable-length sizes, unsigned integers,
/// floats and strings, with errors that name the byte position.
///
/// ```swift
/// switch try EBMLReader.header(in: bytes, at: 0, position: 0) {
/// case .some(let header): header.id; header.size; header.headerLength
/// case .none: break                                  // more bytes needed
/// }
/// ```
/// Thread: any.
enum EBMLReader {
    /// An element's ID, its payload size (nil: unknown) and how many bytes ID and size take.
    struct Header: Sendable, Hashable {
        /// The ID with its marker bits (`0x1A45DFA3`).
        var id: UInt32
        /// The payload size; nil when the element says its size is unknown.
        var size: UInt64?
        /// Bytes of ID and size.
        var headerLength: Int
    }

    /// The element header starting at `bytes[index]`, or nil when `bytes` ends before it does. `position` is
    /// the stream offset of `bytes[index]`, for errors.
    static func header(in bytes: UnsafeRawBufferPointer, at index: Int, position: UInt64) throws(ElementError)
        -> Header?
    {
        guard index < bytes.count else { return nil }
        let first = bytes[index]
        guard first != 0, first.leadingZeroBitCount < 4 else {
            throw ElementError(
                "invalid EBML element ID at byte \(position): first byte \(MatroskaID.hex(UInt32(first)))")
        }
        let idLength = first.leadingZeroBitCount + 1
        guard index + idLength < bytes.count else { return nil }
        var id = UInt32(0)
        for offset in 0..<idLength { id = id << 8 | UInt32(bytes[index + offset]) }
        let sizeFirst = bytes[index + idLength]
        guard sizeFirst != 0 else {
            throw ElementError(
                "invalid EBML size of element \(MatroskaID.hex(id)) at byte \(position): first size byte 0x00")
        }
        let sizeLength = sizeFirst.leadingZeroBitCount + 1
        guard index + idLength + sizeLength <= bytes.count else { return nil }
        var size = UInt64(sizeFirst) & (0xFF >> UInt64(sizeLength))
        var allOnes = size == (0xFF >> UInt64(sizeLength))
        for offset in 1..<max(sizeLength, 1) where offset < sizeLength {
            let byte = bytes[index + idLength + offset]
            size = size << 8 | UInt64(byte)
            allOnes = allOnes && byte == 0xFF
        }
        return Header(id: id, size: allOnes ? nil : size, headerLength: idLength + sizeLength)
    }

    /// A variable-length integer (a Block's track number) at `bytes[index]`: value and length, nil if cut off.
    static func vint(in bytes: UnsafeRawBufferPointer, at index: Int) -> (value: UInt64, length: Int)? {
        guard index < bytes.count, bytes[index] != 0 else { return nil }
        let length = bytes[index].leadingZeroBitCount + 1
        guard index + length <= bytes.count else { return nil }
        var value = UInt64(bytes[index]) & (0xFF >> UInt64(length))
        for offset in 1..<max(length, 1) where offset < length { value = value << 8 | UInt64(bytes[index + offset]) }
        return (value, length)
    }

    /// A big-endian unsigned integer of up to 8 bytes.
    static func unsigned(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// A 4- or 8-byte float (0 for other sizes).
    static func float(_ bytes: UnsafeRawBufferPointer) -> Double {
        switch bytes.count {
        case 4: Double(Float(bitPattern: UInt32(truncatingIfNeeded: unsigned(bytes))))
        case 8: Double(bitPattern: unsigned(bytes))
        default: 0
        }
    }

    /// A string, up to its first zero byte.
    static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
}
