import ParallaxCore

/// Supervisor → host: run one call of an element — `produce` (output only), `process` (input and output, or
/// input only for a passthrough element) or `render` (input only) — on the slots named.
public struct WorkOrder: Sendable, Hashable {
    /// The element within the host.
    public var element: UInt16
    /// The input slot and its data length, or nil for a source.
    public var input: SlotReference?
    /// The output slot and its room, or nil for sinks and passthrough elements.
    public var output: SlotReference?
    /// The input's metadata (a source's sequence number).
    public var metadata: BufferMetadata

    /// Creates an order.
    public init(element: UInt16, input: SlotReference?, output: SlotReference?, metadata: BufferMetadata) {
        self.element = element
        self.input = input
        self.output = output
        self.metadata = metadata
    }
}

extension WorkOrder {
    func write(to writer: inout ControlWireWriter) {
        writer.u32(UInt32(element))
        for slot in [input, output] {
            writer.bool(slot != nil)
            slot?.write(to: &writer)
        }
        metadata.write(to: &writer)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let element = try reader.u32()
        guard element <= UInt32(UInt16.max) else { throw .invalidField("work.element") }
        let input = try reader.bool("work.input") ? try SlotReference(reading: &reader) : nil
        let output = try reader.bool("work.output") ? try SlotReference(reading: &reader) : nil
        self.init(element: UInt16(element), input: input, output: output, metadata: try BufferMetadata(reading: &reader))
    }
}
