import ParallaxCore

/// One entry of a `SlotRing`: a buffer named by arena and slot, with its length and metadata, or a marker
/// (end-of-stream). 128 bytes in the ring; every field is checked by whoever reads it.
public struct SlotEntry: Sendable, Hashable {
    /// What the entry carries.
    public enum Kind: UInt32, Sendable {
        /// A buffer in `arena`/`slot`.
        case buffer = 0
        /// The stream ended; no buffer.
        case endOfStream = 1
    }

    /// What the entry carries.
    public var kind: Kind
    /// The arena id (as its owner issued it).
    public var arena: UInt32
    /// The slot index.
    public var slot: UInt32
    /// Bytes of data in the slot.
    public var length: UInt64
    /// Timing and flags.
    public var metadata: BufferMetadata

    /// Creates an entry.
    public init(kind: Kind = .buffer, arena: UInt32, slot: UInt32, length: UInt64, metadata: BufferMetadata = BufferMetadata()) {
        self.kind = kind
        self.arena = arena
        self.slot = slot
        self.length = length
        self.metadata = metadata
    }

    /// The end-of-stream marker.
    public static let endOfStream = SlotEntry(kind: .endOfStream, arena: 0, slot: 0, length: 0)

    static let size = 128
    private static let none = UInt64.max

    func store(to base: UnsafeMutableRawPointer) {
        base.storeBytes(of: kind.rawValue, toByteOffset: 0, as: UInt32.self)
        base.storeBytes(of: arena, toByteOffset: 4, as: UInt32.self)
        base.storeBytes(of: slot, toByteOffset: 8, as: UInt32.self)
        base.storeBytes(of: metadata.flags.rawValue, toByteOffset: 12, as: UInt32.self)
        base.storeBytes(of: length, toByteOffset: 16, as: UInt64.self)
        base.storeBytes(of: metadata.pts?.nanoseconds ?? Self.none, toByteOffset: 24, as: UInt64.self)
        base.storeBytes(of: metadata.dts?.nanoseconds ?? Self.none, toByteOffset: 32, as: UInt64.self)
        base.storeBytes(of: metadata.duration?.nanoseconds ?? Self.none, toByteOffset: 40, as: UInt64.self)
        base.storeBytes(of: metadata.offset ?? Self.none, toByteOffset: 48, as: UInt64.self)
        base.storeBytes(of: metadata.offsetEnd ?? Self.none, toByteOffset: 56, as: UInt64.self)
        base.storeBytes(of: metadata.sequence, toByteOffset: 64, as: UInt64.self)
    }

    /// Reads an entry; nil when its kind is not one this build knows.
    static func load(from base: UnsafeRawPointer) -> SlotEntry? {
        guard let kind = Kind(rawValue: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) else { return nil }
        func time(_ offset: Int) -> ClockTime? {
            let value = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return value == none ? nil : ClockTime(nanoseconds: value)
        }
        func number(_ offset: Int) -> UInt64? {
            let value = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return value == none ? nil : value
        }
        let metadata = BufferMetadata(
            pts: time(24), dts: time(32), duration: time(40), offset: number(48), offsetEnd: number(56),
            sequence: base.loadUnaligned(fromByteOffset: 64, as: UInt64.self),
            flags: BufferFlags(rawValue: base.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        return SlotEntry(
            kind: kind, arena: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
            slot: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self),
            length: base.loadUnaligned(fromByteOffset: 16, as: UInt64.self), metadata: metadata)
    }
}
