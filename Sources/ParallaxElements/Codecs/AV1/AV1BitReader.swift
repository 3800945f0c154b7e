/// Reads an AV1 header's bits most significant first (the specification's `f(n)`); past the end it reads zeros
/// and sets `overrun`, so a parser reads on and checks once.
/// ```swift
/// var bits = AV1BitReader(payload)
/// let profile = bits.read(3)
/// guard !bits.overrun else { return nil }
/// ```
/// Thread: any (a plain value).
struct AV1BitReader {
    private let bytes: ArraySlice<UInt8>
    /// The next bit's position from the start.
    private(set) var position = 0
    /// Whether a read went past the end.
    private(set) var overrun = false

    /// A reader at the first bit of `bytes`.
    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    /// The next `count` bits (at most 32) as an unsigned number.
    mutating func read(_ count: Int) -> Int {
        var value = 0
        for _ in 0..<count {
            let byte = position / 8
            guard byte < bytes.count else {
                overrun = true
                return value
            }
            let bit = Int(bytes[bytes.startIndex + byte] >> (7 - UInt8(position % 8)) & 1)
            value = value << 1 | bit
            position += 1
        }
        return value
    }

    /// Whether the next bit is 1.
    mutating func flag() -> Bool { read(1) == 1 }

    /// Skips a `uvlc()` value.
    mutating func skipUVLC() {
        var zeros = 0
        while read(1) == 0, !overrun, zeros < 32 { zeros += 1 }
        _ = read(zeros)
    }
}
