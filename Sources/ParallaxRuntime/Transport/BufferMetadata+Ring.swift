import ParallaxCore

extension BufferMetadata {
    /// Bytes the metadata takes in a ring record.
    public static var ringSize: Int { 52 }
    private static var none: UInt64 { .max }

    /// Writes pts, dts, duration, offset, offset-end, sequence (u64 each, all-ones for none) and the
    /// flags (u32) at `base + offset`.
    public func store(to base: UnsafeMutableRawPointer, at offset: Int) {
        let values = [pts?.nanoseconds, dts?.nanoseconds, duration?.nanoseconds, self.offset, offsetEnd]
        for (index, value) in values.enumerated() {
            base.storeBytes(of: value ?? Self.none, toByteOffset: offset + index * 8, as: UInt64.self)
        }
        base.storeBytes(of: sequence, toByteOffset: offset + 40, as: UInt64.self)
        base.storeBytes(of: flags.rawValue, toByteOffset: offset + 48, as: UInt32.self)
    }

    /// Reads what `store(to:at:)` wrote. Every bit pattern is a valid metadata value.
    public init(ringAt base: UnsafeRawPointer, offset: Int) {
        func value(_ index: Int) -> UInt64? {
            let raw = base.loadUnaligned(fromByteOffset: offset + index * 8, as: UInt64.self)
            return raw == Self.none ? nil : raw
        }
        self.init(
            pts: value(0).map(ClockTime.init(nanoseconds:)), dts: value(1).map(ClockTime.init(nanoseconds:)),
            duration: value(2).map(ClockTime.init(nanoseconds:)), offset: value(3), offsetEnd: value(4),
            sequence: base.loadUnaligned(fromByteOffset: offset + 40, as: UInt64.self),
            flags: BufferFlags(rawValue: base.loadUnaligned(fromByteOffset: offset + 48, as: UInt32.self)))
    }
}
