#if Network
import ParallaxCore

/// `rtpav1depay`: rebuilds AV1 temporal units from RTP packets as the AV1 RTP payload specification
/// (aomediacodec.github.io/av1-rtp-spec) describes — the factory name of GStreamer's AV1 depayloader (from
/// gst-plugins-rs, not in GStreamer 1.22's Debian packages).
///
/// Fragments are joined, every OBU gets its size field back, and at the marker bit the temporal unit goes
/// on as one buffer starting with a temporal delimiter (`stream-format=obu-stream,alignment=tu`), timed by
/// the last packet's metadata. A lost packet, a malformed payload or a missing marker drops that temporal
/// unit and posts an `rtpav1depay-dropped` element message with the `reason`; the next temporal unit is
/// rebuilt normally. Packets that are not valid RTP are dropped. Temporal units are limited to 4 MiB.
/// ```
/// parallax-launch udpsrc port=5004 caps="application/x-rtp,media=video,clock-rate=90000,encoding-name=AV1" ! rtpav1depay ! filesink location=video.obu
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPAV1Depay: Transform {
    /// AV1 RTP (pad templates below).
    public typealias Input = AnyMedia
    /// AV1 temporal units (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpav1depay", longName: "RTP AV1 depayloader", klass: "Codec/Depayloader/Network/RTP/Video",
        description: "Extracts AV1 temporal units from RTP packets (AV1 RTP payload specification)")

    /// The largest temporal unit rebuilt, in bytes.
    public static let maximumTemporalUnit = 4 << 20

    private var depacketizer = AV1Depacketizer(limit: Self.maximumTemporalUnit)

    /// A depayloader.
    public init() {}

    /// AV1 RTP in, AV1 temporal units out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps(
                    "application/x-rtp",
                    [
                        ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("AV1")),
                    ])),
            PadTemplate(
                name: "src", direction: .src,
                caps: AV1StreamCaps.temporalUnits),
        ]
    }

    /// The largest temporal unit.
    public func outputSize(for caps: Caps) -> Int? { Self.maximumTemporalUnit }

    /// Starts a new stream.
    public mutating func start() throws(ElementError) {
        depacketizer = AV1Depacketizer(limit: Self.maximumTemporalUnit)
    }

    /// Adds one packet; hands on a temporal unit at its marker.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let parsed = ctx.withUnsafeInput { bytes in Result { () throws(RTPPacket.Problem) in try RTPPacket(bytes) } }
        guard case .success(let packet) = parsed else { return .dropped }
        let outputs = ctx.withUnsafeInput { bytes in
            depacketizer.push(
                UnsafeRawBufferPointer(rebasing: bytes[packet.payload]), sequence: packet.sequence,
                timestamp: packet.timestamp, marker: packet.marker)
        }
        var delivered = false
        for output in outputs {
            switch output {
            case .dropped(let reason):
                ctx.post(CapsStructure("rtpav1depay-dropped", [("reason", .string(reason))]))
            case .temporalUnit(let unit, _):
                guard unit.count <= ctx.outputCapacity else {
                    ctx.post(
                        CapsStructure(
                            "rtpav1depay-dropped",
                            [
                                ("reason", .string("a temporal unit of \(unit.count) bytes exceeds the output buffer"))
                            ]))
                    continue
                }
                ctx.withUnsafeOutput { $0.copyBytes(from: unit) }
                ctx.outputLength = unit.count
                ctx.metadata.flags.remove(.marker)
                delivered = true
            }
        }
        return delivered ? .ok : .dropped
    }
}
#endif  // Network
