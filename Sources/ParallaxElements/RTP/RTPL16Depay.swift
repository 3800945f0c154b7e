#if Network
import ParallaxCore

/// `rtpL16depay`: takes RTP packets carrying L16 audio (RFC 3551: 16-bit big-endian PCM, interleaved) and
/// hands on their payloads as `audio/x-raw, format=S16BE` — GStreamer's rtpL16depay.
///
/// The output rate is the RTP clock rate and the channel count the caps' `channels` (or `encoding-params`;
/// 1 when neither is given). Packets that are not valid RTP (wrong version, a header running past the end,
/// bad padding) or whose payload is not whole samples are dropped and counted (`droppedPackets`); a gap in
/// sequence numbers marks the next buffer `discont`. Timestamps are not rebuilt from RTP time yet.
/// ```
/// parallax-launch udpsrc port=5004 caps="application/x-rtp,media=audio,clock-rate=44100,encoding-name=L16,channels=2" ! rtpL16depay ! filesink location=out.raw
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPL16Depay: Transform {
    /// RTP (pad templates below).
    public typealias Input = AnyMedia
    /// Raw audio (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name, as GStreamer names it.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpL16depay", longName: "RTP audio depayloader", klass: "Codec/Depayloader/Network/RTP",
        description: "Extracts raw audio from RTP packets")

    /// RTP L16 in, S16BE interleaved out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps("application/x-rtp", [
                    ("media", .string("audio")), ("clock-rate", .intRange(1...Int(Int32.max), step: 1)),
                    ("encoding-name", .string("L16")),
                ])),
            PadTemplate(name: "src", direction: .src, caps: audioCaps(rate: anyPositive, channels: anyPositive)),
        ]
    }

    private static let anyPositive = CapsValue.intRange(1...Int(Int32.max), step: 1)

    private static func audioCaps(rate: CapsValue, channels: CapsValue) -> Caps {
        Caps("audio/x-raw", [
            ("format", .string("S16BE")), ("layout", .string("interleaved")), ("rate", rate), ("channels", channels),
        ])
    }

    /// Packets refused since the element started.
    public private(set) var droppedPackets = 0
    private var channels = 1
    private var lastSequence: UInt16?

    /// A depayloader.
    public init() {}

    /// RTP clock rate ↔ audio rate, `channels` (or `encoding-params`) ↔ channels.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return direction == .sink ? Self.template(.src)!.caps : Self.template(.sink)!.caps }
        var result: [CapsStructure] = []
        for structure in caps.structures {
            if direction == .sink, structure.name == "application/x-rtp" {
                let channels: CapsValue =
                    structure["channels"]
                    ?? structure.string("encoding-params").flatMap(Int.init).map(CapsValue.int)
                    ?? (structure.isFixed ? .int(1) : Self.anyPositive)
                result += Self.audioCaps(rate: structure["clock-rate"] ?? Self.anyPositive, channels: channels).structures
            } else if direction == .src, structure.name == "audio/x-raw" {
                result.append(
                    CapsStructure("application/x-rtp", [
                        ("media", .string("audio")), ("clock-rate", structure["rate"] ?? Self.anyPositive),
                        ("encoding-name", .string("L16")), ("channels", structure["channels"] ?? Self.anyPositive),
                    ]))
            }
        }
        let other = Self.template(direction == .sink ? .src : .sink)!.caps
        return Caps(result).intersection(other)
    }

    /// Learns the channel count.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        channels = output?.structures.first?.int("channels") ?? 1
    }

    /// Resets the counters.
    public mutating func start() throws(ElementError) {
        droppedPackets = 0
        lastSequence = nil
    }

    /// Copies one packet's payload out.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let parsed = ctx.withUnsafeInput { bytes in Result { () throws(RTPPacket.Problem) in try RTPPacket(bytes) } }
        guard case .success(let packet) = parsed, packet.payload.count % (2 * channels) == 0 else {
            droppedPackets += 1
            return .dropped
        }
        if let last = lastSequence, packet.sequence != last &+ 1 { ctx.metadata.flags.insert(.discont) }
        lastSequence = packet.sequence
        let count = packet.payload.count
        let source = ctx.withUnsafeInput { $0.baseAddress.map { $0 + packet.payload.lowerBound } }
        ctx.withUnsafeOutput { output in
            if count > 0, let source, let target = output.baseAddress { target.copyMemory(from: source, byteCount: count) }
        }
        ctx.outputLength = count
        return .ok
    }
}
#endif  // Network
