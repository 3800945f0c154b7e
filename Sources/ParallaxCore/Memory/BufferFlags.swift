/// Flags carried by a buffer, with GStreamer's meanings.
///
/// Example: `buffer.flags.insert(.discont)` after a gap in the stream. Pure value type.
public struct BufferFlags: OptionSet, Sendable, Hashable, Codable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The data is not contiguous with the previous buffer (after a seek, a drop, or an element restart).
    public static let discont = BufferFlags(rawValue: 1 << 0)
    /// The buffer cannot be decoded on its own (not a key frame).
    public static let deltaUnit = BufferFlags(rawValue: 1 << 1)
    /// The buffer holds no meaningful data and marks a gap in the stream.
    public static let gap = BufferFlags(rawValue: 1 << 2)
    /// The buffer should be decoded but not displayed.
    public static let decodeOnly = BufferFlags(rawValue: 1 << 3)
    /// The buffer holds a header (codec configuration, stream headers).
    public static let header = BufferFlags(rawValue: 1 << 4)
    /// The buffer can be dropped without breaking the stream.
    public static let droppable = BufferFlags(rawValue: 1 << 5)
    /// The buffer is a resynchronisation point (a key frame that follows a discontinuity).
    public static let resync = BufferFlags(rawValue: 1 << 6)
    /// The buffer was produced while the pipeline was live.
    public static let live = BufferFlags(rawValue: 1 << 7)
    /// The buffer ends a media unit (end of a frame in packetised data).
    public static let marker = BufferFlags(rawValue: 1 << 8)
    /// The data was corrupted on its way (a decoder should conceal it).
    public static let corrupted = BufferFlags(rawValue: 1 << 9)
    /// The bytes replace earlier bytes of the byte stream, starting at `metadata.offset`: a muxer completing its
    /// header at end of stream (sizes, durations, an index position). Seekable sinks (`filesink`) write them
    /// there; sinks that cannot go back drop them. GStreamer sends a byte segment event for the same purpose.
    public static let overwrite = BufferFlags(rawValue: 1 << 10)

    /// Flag names as GStreamer prints them, in bit order.
    public var names: [String] {
        let table: [(BufferFlags, String)] = [
            (.discont, "discont"), (.deltaUnit, "delta-unit"), (.gap, "gap"), (.decodeOnly, "decode-only"),
            (.header, "header"), (.droppable, "droppable"), (.resync, "resync"), (.live, "live"),
            (.marker, "marker"), (.corrupted, "corrupted"), (.overwrite, "overwrite"),
        ]
        return table.filter { contains($0.0) }.map(\.1)
    }
}
