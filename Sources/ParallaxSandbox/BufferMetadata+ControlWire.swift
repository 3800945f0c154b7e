import ParallaxCore

extension BufferMetadata {
    func write(to writer: inout ControlWireWriter) {
        writer.optionalU64(pts?.nanoseconds)
        writer.optionalU64(dts?.nanoseconds)
        writer.optionalU64(duration?.nanoseconds)
        writer.optionalU64(offset)
        writer.optionalU64(offsetEnd)
        writer.u64(sequence)
        writer.u32(flags.rawValue)
    }

    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        self.init(
            pts: try reader.optionalU64("metadata.pts").map(ClockTime.init(nanoseconds:)),
            dts: try reader.optionalU64("metadata.dts").map(ClockTime.init(nanoseconds:)),
            duration: try reader.optionalU64("metadata.duration").map(ClockTime.init(nanoseconds:)),
            offset: try reader.optionalU64("metadata.offset"),
            offsetEnd: try reader.optionalU64("metadata.offset-end"),
            sequence: try reader.u64(),
            flags: BufferFlags(rawValue: try reader.u32()))
    }
}
