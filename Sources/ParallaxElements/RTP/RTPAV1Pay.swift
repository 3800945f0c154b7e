#if Network
import ParallaxCore

/// `rtpav1pay`: packs AV1 temporal units into RTP packets as the AV1 RTP payload specification
/// (aomediacodec.github.io/av1-rtp-spec) describes — the factory name of GStreamer's AV1 payloader (from
/// gst-plugins-rs, not in GStreamer 1.22's Debian packages).
///
/// Each input buffer is one temporal unit of OBUs with size fields (`stream-format=obu-stream,
/// alignment=tu`). Temporal delimiter, tile list and padding OBUs are left out; the others become OBU
/// elements (size field removed), aggregated into packets of at most `mtu` bytes and fragmented across
/// packets where they do not fit (see `AV1Packetizer` for the aggregation header). The first packet of a
/// temporal unit holding a sequence header has N set; the last packet of every temporal unit has the
/// marker bit. Timestamps are the buffer's PTS at 90 kHz plus `timestamp-offset` (the previous one when a
/// buffer has none). A buffer that is not a valid OBU stream is an error naming the byte.
/// ```
/// parallax-launch filesrc location=video.obu ! video/x-av1,stream-format=obu-stream,alignment=tu ! rtpav1pay ! udpsink port=5004
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPAV1Pay: Transform, SendsOwnOutputs {
    /// AV1 (pad templates below).
    public typealias Input = AnyMedia
    /// RTP (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, named as GStreamer's payloaders name them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpav1pay", longName: "RTP AV1 payloader", klass: "Codec/Payloader/Network/RTP/Video",
        description: "Payload-encode AV1 temporal units into RTP packets (AV1 RTP payload specification)",
        properties: [
            .uint("mtu", \.mtu, range: 28...UInt64(UInt32.max), "Maximum size of one packet"),
            .uint("pt", \.payloadType, range: 0...0x7F, "The payload type of the packets"),
            .uint("ssrc", \.ssrc, range: 0...UInt64(UInt32.max), "The SSRC of the packets (default == random)"),
            .int(
                "seqnum-offset", \.sequenceOffset, range: -1...0xFFFF,
                "Offset to add to all outgoing seqnum (-1 = random)"),
            .uint(
                "timestamp-offset", \.timestampOffset, range: 0...UInt64(UInt32.max),
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
    /// Added to every RTP timestamp (4294967295: random).
    public var timestampOffset: UInt64 = UInt64(UInt32.max)

    private var nextSequence: UInt16 = 0
    private var baseTimestamp: UInt32 = 0
    private var lastTimestamp: UInt32 = 0
    private var chosenSSRC: UInt32 = 0

    /// A payloader with GStreamer's defaults.
    public init() {}

    /// AV1 temporal units in, AV1 RTP out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: AV1StreamCaps.temporalUnits),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps(
                    "application/x-rtp",
                    [
                        ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("AV1")),
                    ])),
        ]
    }

    /// AV1 ↔ AV1 RTP (with `payload` on the way out).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let av1 = Self.template(.sink)?.caps ?? .empty
        let rtpTemplate = Self.template(.src)?.caps ?? .empty
        if direction == .src { return caps.isAny || !caps.intersection(rtpTemplate).isEmpty ? av1 : .empty }
        if caps.isAny { return rtpTemplate }
        guard !caps.intersection(av1).isEmpty, var rtp = rtpTemplate.structures.first else { return .empty }
        rtp["payload"] = .int(Int(payloadType))
        return Caps([rtp])
    }

    /// Each packet fits in `mtu` bytes.
    public func outputSize(for caps: Caps) -> Int? { Int(clamping: mtu) }

    /// Chooses the stream's sequence number, timestamp offset and SSRC.
    public mutating func start() throws(ElementError) {
        nextSequence = sequenceOffset >= 0 ? UInt16(sequenceOffset) : UInt16.random(in: .min ... .max)
        baseTimestamp =
            timestampOffset < UInt64(UInt32.max) ? UInt32(timestampOffset) : UInt32.random(in: .min ... .max)
        lastTimestamp = baseTimestamp
        chosenSSRC = ssrc < UInt64(UInt32.max) ? UInt32(ssrc) : UInt32.random(in: .min ... .max)
    }

    /// Emits the temporal unit as packets.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let sequence = ctx.metadata.sequence
        let split = ctx.withUnsafeInput { bytes in Result { () throws(AV1OBU.Problem) in try AV1OBU.split(bytes) } }
        let obus: [AV1OBU]
        switch split {
        case .success(let parsed): obus = parsed
        case .failure(let problem): throw ElementError("rtpav1pay: buffer \(sequence): \(problem)")
        }
        var elements: [[UInt8]] = []
        var newSequence = false
        ctx.withUnsafeInput { bytes in
            for obu in obus {
                switch AV1OBU.Kind(rawValue: obu.type) {
                case .temporalDelimiter, .tileList, .padding: continue
                case .sequenceHeader: newSequence = true
                default: break
                }
                var element = [obu.header & ~0x02]
                if let extensionByte = obu.extensionByte { element.append(extensionByte) }
                element += UnsafeRawBufferPointer(rebasing: bytes[obu.payload])
                elements.append(element)
            }
        }
        if let pts = ctx.metadata.pts {
            let ticks =
                pts.nanoseconds / 1_000_000_000 * 90000 + pts.nanoseconds % 1_000_000_000 * 90000 / 1_000_000_000
            lastTimestamp = baseTimestamp &+ UInt32(truncatingIfNeeded: ticks)
        }
        let room = min(Int(clamping: mtu), ctx.outputCapacity) - 12
        let payloads = AV1Packetizer.packetize(elements, room: room, newSequence: newSequence)
        for (index, payload) in payloads.enumerated() {
            var header = [UInt8](repeating: 0, count: 12)
            header[0] = 0x80
            header[1] = UInt8(payloadType) | (index == payloads.count - 1 ? 0x80 : 0)
            header[2] = UInt8(nextSequence >> 8)
            header[3] = UInt8(nextSequence & 0xFF)
            for i in 0..<4 {
                header[4 + i] = UInt8(truncatingIfNeeded: lastTimestamp >> (24 - 8 * i))
                header[8 + i] = UInt8(truncatingIfNeeded: chosenSSRC >> (24 - 8 * i))
            }
            var metadata = ctx.metadata
            if index > 0 { metadata.flags.remove(.discont) }
            if index == payloads.count - 1 { metadata.flags.insert(.marker) } else { metadata.flags.remove(.marker) }
            let status = try ctx.emit(metadata: metadata) { packet in
                packet.copyBytes(from: header + payload)
                return 12 + payload.count
            }
            nextSequence &+= 1
            if status != .ok { return status }
        }
        return .dropped
    }
}
#endif  // Network
