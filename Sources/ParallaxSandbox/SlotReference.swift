/// A slot of an arena named on the control socket: the arena's id (as the supervisor issued it), the slot
/// index and a byte count (the data's length for an input, the room available for an output).
public struct SlotReference: Sendable, Hashable {
    /// The arena id the supervisor sent with the arena's descriptor.
    public var arena: UInt32
    /// The slot index.
    public var slot: UInt32
    /// Bytes of data (input) or of room (output).
    public var length: UInt64

    /// Creates a reference.
    public init(arena: UInt32, slot: UInt32, length: UInt64) {
        self.arena = arena
        self.slot = slot
        self.length = length
    }
}

extension SlotReference {
    func write(to writer: inout ControlWireWriter) {
        writer.u32(arena)
        writer.u32(slot)
        writer.u64(length)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        self.init(arena: try reader.u32(), slot: try reader.u32(), length: try reader.u64())
    }
}
