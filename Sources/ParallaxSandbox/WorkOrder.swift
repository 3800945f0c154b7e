import ParallaxCore

/// Supervisor → host: run one call of an element — `produce` (output only), `process` (input and output, or
/// input only for a passthrough element) or `render` (input only) — on the slots named; or, with `drain`, a
/// transform's `drain` at end-of-stream (no slots: what it still holds goes out through emitted outputs).
public struct WorkOrder: Sendable, Hashable {
    /// The element within the host.
    public var element: UInt16
    /// The input slot and its data length, or nil for a source.
    public var input: SlotReference?
    /// The output slot and its room, or nil for sinks and passthrough elements.
    public var output: SlotReference?
    /// The input's metadata (a source's sequence number).
    public var metadata: BufferMetadata
    /// Whether this is the transform's end-of-stream `drain` rather than a call on a buffer.
    public var drain: Bool

    /// Creates an order.
    public init(
        element: UInt16, input: SlotReference?, output: SlotReference?, metadata: BufferMetadata, drain: Bool = false
    ) {
        self.element = element
        self.input = input
        self.output = output
        self.metadata = metadata
        self.drain = drain
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
        writer.bool(drain)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let element = try reader.u32()
        guard element <= UInt32(UInt16.max) else { throw .invalidField("work.element") }
        let input = try reader.bool("work.input") ? try SlotReference(reading: &reader) : nil
        let output = try reader.bool("work.output") ? try SlotReference(reading: &reader) : nil
        let metadata = try BufferMetadata(reading: &reader)
        self.init(element: UInt16(element), input: input, output: output, metadata: metadata, drain: try reader.bool("work.drain"))
    }
}
