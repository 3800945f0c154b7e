/// Everything about a buffer except its bytes: timing, offsets, sequence number and flags.
///
/// Kept apart from the storage so an element can restamp a buffer it may not write to.
/// Example: `var m = BufferMetadata(); m.pts = .milliseconds(40); m.flags.insert(.discont)`.
public struct BufferMetadata: Sendable, Hashable, Codable {
    /// Presentation timestamp.
    public var pts: ClockTime?
    /// Decoding timestamp.
    public var dts: ClockTime?
    /// How long the buffer lasts.
    public var duration: ClockTime?
    /// Media-specific offset (frame number for video, sample for audio, byte for streams).
    public var offset: UInt64?
    /// Media-specific offset of the end of this buffer.
    public var offsetEnd: UInt64?
    /// The sequence number on the link that carried the buffer, counting from 0.
    public var sequence: UInt64
    /// Stream flags.
    public var flags: BufferFlags

    /// Metadata with no timing, sequence 0 and no flags.
    public init(
        pts: ClockTime? = nil, dts: ClockTime? = nil, duration: ClockTime? = nil, offset: UInt64? = nil,
        offsetEnd: UInt64? = nil, sequence: UInt64 = 0, flags: BufferFlags = []
    ) {
        self.pts = pts
        self.dts = dts
        self.duration = duration
        self.offset = offset
        self.offsetEnd = offsetEnd
        self.sequence = sequence
        self.flags = flags
    }
}
