import ParallaxCore

/// Host → supervisor: how one work order ended — the element's status, the bytes it wrote to the output
/// slot and the metadata of the result. The supervisor checks `outputLength` against the room it offered.
public struct WorkResult: Sendable, Hashable {
    /// What the element returned.
    public var status: FlowStatus
    /// Bytes written to the output slot (0 without one).
    public var outputLength: UInt64
    /// The result's timing and flags.
    public var metadata: BufferMetadata

    /// Creates a result.
    public init(status: FlowStatus, outputLength: UInt64, metadata: BufferMetadata) {
        self.status = status
        self.outputLength = outputLength
        self.metadata = metadata
    }
}

extension WorkResult {
    func write(to writer: inout ControlWireWriter) {
        switch status {
        case .ok: writer.u8(0)
        case .dropped: writer.u8(1)
        case .eos: writer.u8(2)
        }
        writer.u64(outputLength)
        metadata.write(to: &writer)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let status: FlowStatus
        switch try reader.u8() {
        case 0: status = .ok
        case 1: status = .dropped
        case 2: status = .eos
        default: throw .invalidField("done.status")
        }
        self.init(status: status, outputLength: try reader.u64(), metadata: try BufferMetadata(reading: &reader))
    }
}
