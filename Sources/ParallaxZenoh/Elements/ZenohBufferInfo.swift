import Glibc
import ParallaxCore

/// What `zenoh_pub` attaches to each sample and `zenoh_sub` reads back: the buffer's timing, flags and
/// sequence number, and (when the encoding's schema cannot hold them) the caps, as text any Zenoh client can read.
///
/// ```
/// pts=40000000;duration=33333333;flags=2;seq=7;sent=1764068400123456789      caps in the encoding's schema
/// pts=40000000;duration=33333333;flags=2;seq=7;sent=…;caps=…   caps longer than the schema's 255 bytes, always last
/// ```
/// `sent` is the publisher's wall clock (nanoseconds since 1970) when it put the sample, for latency.
/// ```
/// ```
/// Thread: a value.
public struct ZenohBufferInfo: Sendable, Equatable {
    /// The buffer's timing and flags.
    public var metadata: BufferMetadata
    /// The publisher's count of buffers, from 0: a gap means samples were lost on the way.
    public var sequence: UInt64
    /// The publisher's wall clock when it put the sample, in nanoseconds since 1970, when known.
    public var sent: UInt64?
    /// The caps, when carried in the attachment.
    public var caps: String?

    /// Info for one buffer.
    public init(metadata: BufferMetadata, sequence: UInt64, sent: UInt64? = nil, caps: String? = nil) {
        self.metadata = metadata
        self.sequence = sequence
        self.sent = sent
        self.caps = caps
    }

    /// The attachment's bytes.
    public var attachment: [UInt8] {
        var fields: [String] = []
        if let pts = metadata.pts { fields.append("pts=\(pts.nanoseconds)") }
        if let dts = metadata.dts { fields.append("dts=\(dts.nanoseconds)") }
        if let duration = metadata.duration { fields.append("duration=\(duration.nanoseconds)") }
        fields.append("flags=\(metadata.flags.rawValue)")
        fields.append("seq=\(sequence)")
        if let sent { fields.append("sent=\(sent)") }
        if let caps { fields.append("caps=\(caps)") }
        return Array(fields.joined(separator: ";").utf8)
    }

    /// Reads an attachment; unknown fields are skipped, and nil comes back when it is not this format.
    public init?(attachment: [UInt8]) {
        guard let text = String(validating: attachment, as: UTF8.self) else { return nil }
        var metadata = BufferMetadata()
        var sequence: UInt64?
        var sent: UInt64?
        var caps: String?
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("caps=") {
                caps = String(rest.dropFirst(5))
                break
            }
            let field = rest.prefix { $0 != ";" }
            rest = rest.dropFirst(field.count).drop { $0 == ";" }
            guard let equals = field.firstIndex(of: "="), let value = UInt64(field[field.index(after: equals)...]) else {
                continue
            }
            switch field[..<equals] {
            case "pts": metadata.pts = ClockTime(nanoseconds: value)
            case "dts": metadata.dts = ClockTime(nanoseconds: value)
            case "duration": metadata.duration = ClockTime(nanoseconds: value)
            case "flags": metadata.flags = BufferFlags(rawValue: UInt32(truncatingIfNeeded: value))
            case "seq": sequence = value
            case "sent": sent = value
            default: continue
            }
        }
        guard let sequence else { return nil }
        self.init(metadata: metadata, sequence: sequence, sent: sent, caps: caps)
    }

    /// The wall clock now, in nanoseconds since 1970.
    public static func wallClock() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
