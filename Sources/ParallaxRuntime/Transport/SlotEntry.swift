import ParallaxCore

/// One entry of a `SlotRing`: a buffer named by arena and slot, with its length and metadata, or a marker
/// (end-of-stream). 128 bytes in the ring; every field is checked by whoever reads it.
public struct SlotEntry: RingRecord, Hashable {
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

    /// Writes the entry: kind, arena, slot (u32 each), length (u64), then the metadata.
    public func store(to base: UnsafeMutableRawPointer) {
        base.storeBytes(of: kind.rawValue, toByteOffset: 0, as: UInt32.self)
        base.storeBytes(of: arena, toByteOffset: 4, as: UInt32.self)
        base.storeBytes(of: slot, toByteOffset: 8, as: UInt32.self)
        base.storeBytes(of: length, toByteOffset: 16, as: UInt64.self)
        metadata.store(to: base, at: 24)
    }

    /// Reads an entry; nil when its kind is not one this build knows.
    public static func load(from base: UnsafeRawPointer) -> SlotEntry? {
        guard let kind = Kind(rawValue: base.loadUnaligned(fromByteOffset: 0, as: UInt32.self)) else { return nil }
        return SlotEntry(
            kind: kind, arena: base.loadUnaligned(fromByteOffset: 4, as: UInt32.self),
            slot: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self),
            length: base.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
            metadata: BufferMetadata(ringAt: base, offset: 24))
    }
}
