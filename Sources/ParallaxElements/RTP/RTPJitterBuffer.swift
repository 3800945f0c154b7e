#if Network
import Glibc
import ParallaxCore

/// `rtpjitterbuffer`: puts RTP packets back in sequence-number order, drops duplicates and packets that
/// come too late, and marks losses — GStreamer's rtpjitterbuffer, ordering by RTP timestamps instead of by
/// the pipeline clock.
///
/// Packets are held until they are next in sequence, or until the held packets span more than `latency`
/// milliseconds, by their RTP timestamps (at the caps' `clock-rate`) or by their arrival times (on
/// `arrivalClock`, the monotonic system clock by default); the oldest then goes on, and the sequence
/// numbers skipped before it are lost: that packet carries `discont`, and with `do-lost=true` a
/// `GstRTPPacketLost` element message names the first lost `seqnum` and the `count`. With
/// `drop-on-latency=true` a packet that the latency pushes out after a gap is dropped (and counted lost)
/// instead. Sequence numbers wrap from 65535 to 0. A packet whose number already went out (late) or is
/// already held (duplicate) is dropped, as is one that is not valid RTP (shorter than 12 bytes, version
/// other than 2, header or padding past its end) — GStreamer drops those too, with a debug warning;
/// `invalidPackets` counts them. Everything still held goes on at end of stream. Held packets are looked at
/// when a packet arrives (there is no timer): a stream that pauses keeps its last packets until the next one.
/// ```
/// parallax-launch udpsrc port=5004 caps="application/x-rtp,media=video,clock-rate=90000,encoding-name=RAW,..." ! rtpjitterbuffer latency=100 ! rtpvrawdepay ! fakesink
/// ```
/// Thread: `process` and `drain` on its segment's streaming thread.
public struct RTPJitterBuffer: Transform, SendsOwnOutputs {
    /// RTP packets (pad templates below).
    public typealias Input = AnyMedia
    /// The same packets, in order.
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpjitterbuffer", longName: "RTP packet jitter-buffer", klass: "Filter/Network/RTP",
        description: "A buffer that deals with network jitter and other transmission faults",
        properties: [
            .uint("latency", \.latency, range: 0...UInt64(UInt32.max), "Amount of ms to buffer"),
            .bool(
                "drop-on-latency", \.dropOnLatency, "Tells the jitterbuffer to never exceed the given latency in size"),
            .bool("do-lost", \.doLost, "Send an event downstream when a packet is lost"),
        ])

    /// How long packets may be held, in milliseconds of RTP time.
    public var latency: UInt64 = 200
    /// Whether packets pushed out by the latency after a gap are dropped instead of sent on.
    public var dropOnLatency = false
    /// Whether losses are reported with a `GstRTPPacketLost` element message.
    public var doLost = false

    /// The clock arrival times are read from; nil: the monotonic system clock (`CLOCK_MONOTONIC`).
    public var arrivalClock: (any PipelineClock)?

    /// Packets refused because they were not valid RTP.
    public private(set) var invalidPackets = 0
    /// Packets refused because their number was already held or already sent on.
    public private(set) var refusedPackets = 0

    private struct Packet {
        var bytes: [UInt8]
        var metadata: BufferMetadata
    }

    private var queue = RTPJitterQueue<Packet>(latencyTicks: 0, latencyNanoseconds: 0)
    private var clockRate = 90000

    /// A jitter buffer with GStreamer's defaults.
    public init() {}

    /// RTP in, RTP out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps("application/x-rtp")),
            PadTemplate(name: "src", direction: .src, caps: Caps("application/x-rtp")),
        ]
    }

    /// The largest RTP packet a datagram can carry.
    public func outputSize(for caps: Caps) -> Int? { 65536 }

    /// Reads the clock rate.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let rate = input?.structures.first?.int("clock-rate"), rate > 0 else {
            throw ElementError("rtpjitterbuffer: the input caps have no clock-rate")
        }
        clockRate = rate
    }

    /// Starts a new stream.
    public mutating func start() throws(ElementError) {
        let ticks = latency.multipliedReportingOverflow(by: UInt64(clockRate))
        let nanoseconds = latency.multipliedReportingOverflow(by: 1_000_000)
        queue = RTPJitterQueue(
            latencyTicks: ticks.overflow ? .max : UInt32(clamping: ticks.partialValue / 1000),
            latencyNanoseconds: nanoseconds.overflow ? .max : nanoseconds.partialValue)
        queue.dropOnLatency = dropOnLatency
        invalidPackets = 0
        refusedPackets = 0
    }

    /// Holds the packet and sends on what is ready.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let parsed = ctx.withUnsafeInput { bytes in Result { () throws(RTPPacket.Problem) in try RTPPacket(bytes) } }
        guard case .success(let header) = parsed else {
            invalidPackets += 1
            return .dropped
        }
        guard ctx.inputLength <= 65536 else {
            invalidPackets += 1
            return .dropped
        }
        let packet = Packet(bytes: ctx.withUnsafeInput { Array($0) }, metadata: ctx.metadata)
        switch queue.offer(packet, sequence: header.sequence, timestamp: header.timestamp, arrival: arrivalTime()) {
        case .failure:
            refusedPackets += 1
            return .dropped
        case .success(let events):
            return try send(events, &ctx)
        }
    }

    /// Sends on everything still held.
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        _ = try send(queue.drain(), &ctx)
    }

    /// Now on `arrivalClock`, or on the monotonic system clock, in nanoseconds.
    private func arrivalTime() -> UInt64 {
        if let arrivalClock { return arrivalClock.now.nanoseconds }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    private func send(_ events: [RTPJitterQueue<Packet>.Event], _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> FlowStatus
    {
        for event in events {
            guard case .release(let packet, let sequence, let lost) = event else { continue }
            var metadata = packet.metadata
            metadata.flags.remove(.discont)
            if lost > 0 {
                metadata.flags.insert(.discont)
                if doLost {
                    ctx.post(
                        CapsStructure(
                            "GstRTPPacketLost",
                            [
                                ("seqnum", .int(Int(sequence &- UInt16(truncatingIfNeeded: lost)))),
                                ("count", .int(lost)),
                            ]))
                }
            }
            let status = try ctx.emit(metadata: metadata) { output in
                guard output.count >= packet.bytes.count else { return 0 }
                output.copyBytes(from: packet.bytes)
                return packet.bytes.count
            }
            if status != .ok && status != .dropped { return status }
        }
        return .dropped
    }
}
#endif  // Network
