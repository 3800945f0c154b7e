#if Network
import Glibc
import ParallaxCore

/// `rtpL16pay`: cuts S16BE interleaved audio into RTP packets (RFC 3551 L16) of at most `mtu` bytes, whole
/// samples each — GStreamer's rtpL16pay. The RTP clock is the sample rate; sequence numbers and timestamps
/// continue across buffers, from `seqnum-offset` and `timestamp-offset` (random when -1 / 4294967295).
/// The first packet of the stream, and the first after a `discont` buffer, carries the marker bit.
/// ```
/// parallax-launch filesrc location=music.raw ! audio/x-raw,format=S16BE,rate=44100,channels=2 ! rtpL16pay ! udpsink host=127.0.0.1 port=5004
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPL16Pay: Transform, SendsOwnOutputs {
    /// Raw audio (pad templates below).
    public typealias Input = AnyMedia
    /// RTP (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpL16pay", longName: "RTP audio payloader", klass: "Codec/Payloader/Network/RTP",
        description: "Payload-encode Raw audio into RTP packets (RFC 3551)",
        properties: [
            .uint("mtu", \.mtu, range: 28...UInt64(UInt32.max), "Maximum size of one packet"),
            .uint("pt", \.payloadType, range: 0...0x7F, "The payload type of the packets"),
            .uint("ssrc", \.ssrc, range: 0...UInt64(UInt32.max), "The SSRC of the packets (default == random)"),
            .int("seqnum-offset", \.sequenceOffset, range: -1...0xFFFF, "Offset to add to all outgoing seqnum (-1 = random)"),
            .uint("timestamp-offset", \.timestampOffset, range: 0...UInt64(UInt32.max),
                  "Offset to add to all outgoing timestamps (default = random)"),
        ])

    /// RTP header plus payload, at most.
    public var mtu: UInt64 = 1400
    /// The payload type.
    public var payloadType: UInt64 = 96
    /// The synchronisation source (4294967295: random).
    public var ssrc: UInt64 = UInt64(UInt32.max)
    /// The first sequence number (-1: random).
    public var sequenceOffset = -1
    /// The first RTP timestamp (4294967295: random).
    public var timestampOffset: UInt64 = UInt64(UInt32.max)

    private var frameBytes = 4
    private var nextSequence: UInt16 = 0
    private var nextTimestamp: UInt32 = 0
    private var chosenSSRC: UInt32 = 0
    private var marker = true

    /// A payloader with GStreamer's defaults.
    public init() {}

    /// S16BE interleaved in, RTP L16 out.
    public static var padTemplates: [PadTemplate] {
        let positive = CapsValue.intRange(1...Int(Int32.max), step: 1)
        return [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps("audio/x-raw", [
                    ("format", .string("S16BE")), ("layout", .string("interleaved")), ("rate", positive),
                    ("channels", positive),
                ])),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps("application/x-rtp", [
                    ("media", .string("audio")), ("clock-rate", positive), ("encoding-name", .string("L16")),
                    ("channels", positive),
                ])),
        ]
    }

    /// Audio rate ↔ RTP clock rate, channels ↔ channels (and `encoding-params`, `payload` on the way out).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return Self.template(direction == .sink ? .src : .sink)!.caps }
        let positive = CapsValue.intRange(1...Int(Int32.max), step: 1)
        var result: [CapsStructure] = []
        for structure in caps.structures {
            if direction == .sink, structure.name == "audio/x-raw" {
                var fields: [(String, CapsValue)] = [
                    ("media", .string("audio")), ("clock-rate", structure["rate"] ?? positive),
                    ("encoding-name", .string("L16")),
                ]
                if let channels = structure.int("channels") { fields.append(("encoding-params", .string(String(channels)))) }
                fields += [("channels", structure["channels"] ?? positive), ("payload", .int(Int(payloadType)))]
                result.append(CapsStructure("application/x-rtp", fields))
            } else if direction == .src, structure.name == "application/x-rtp" {
                result.append(
                    CapsStructure("audio/x-raw", [
                        ("format", .string("S16BE")), ("layout", .string("interleaved")),
                        ("rate", structure["clock-rate"] ?? positive), ("channels", structure["channels"] ?? positive),
                    ]))
            }
        }
        let other = Self.template(direction == .sink ? .src : .sink)!.caps
        return Caps(result).intersection(other)
    }

    /// Each packet fits in `mtu` bytes.
    public func outputSize(for caps: Caps) -> Int? { Int(clamping: mtu) }

    /// Learns the frame size.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        frameBytes = 2 * (input?.structures.first?.int("channels") ?? 1)
        guard Int(clamping: mtu) - 12 >= frameBytes else {
            throw ElementError("rtpL16pay: an mtu of \(mtu) bytes cannot carry one sample frame of \(frameBytes) bytes")
        }
    }

    /// Chooses the stream's sequence number, timestamp and SSRC.
    public mutating func start() throws(ElementError) {
        nextSequence = sequenceOffset >= 0 ? UInt16(sequenceOffset) : UInt16.random(in: .min ... .max)
        nextTimestamp = timestampOffset < UInt64(UInt32.max) ? UInt32(timestampOffset) : UInt32.random(in: .min ... .max)
        chosenSSRC = ssrc < UInt64(UInt32.max) ? UInt32(ssrc) : UInt32.random(in: .min ... .max)
        marker = true
    }

    /// Emits the buffer as packets of whole sample frames.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let room = (min(Int(clamping: mtu), ctx.outputCapacity) - 12) / frameBytes * frameBytes
        guard room > 0 else { throw ElementError("rtpL16pay: no room for a sample frame in a packet") }
        if ctx.metadata.flags.contains(.discont) { marker = true }
        let input = ctx.withUnsafeInput { $0 }
        let total = input.count / frameBytes * frameBytes
        var offset = 0
        while offset < total {
            let count = min(room, total - offset)
            var header = [UInt8](repeating: 0, count: 12)
            header[0] = 0x80
            header[1] = UInt8(payloadType) | (marker ? 0x80 : 0)
            header[2] = UInt8(nextSequence >> 8)
            header[3] = UInt8(nextSequence & 0xFF)
            for i in 0..<4 {
                header[4 + i] = UInt8(truncatingIfNeeded: nextTimestamp >> (24 - 8 * i))
                header[8 + i] = UInt8(truncatingIfNeeded: chosenSSRC >> (24 - 8 * i))
            }
            var metadata = ctx.metadata
            if offset > 0 { metadata.flags.remove(.discont) }
            let start = offset
            let status = try ctx.emit(metadata: metadata) { packet in
                packet.copyBytes(from: header)
                if let base = packet.baseAddress, let from = input.baseAddress {
                    (base + 12).copyMemory(from: from + start, byteCount: count)
                }
                return 12 + count
            }
            marker = false
            nextSequence &+= 1
            nextTimestamp &+= UInt32(count / frameBytes)
            offset += count
            if status != .ok { return status }
        }
        return .dropped
    }
}
#endif  // Network
