#if Network
import ParallaxCore

/// `rtpvrawpay`: sends raw video frames as RTP packets with RFC 4175 payloads (RGB, RGBA, BGR, BGRA and UYVY
/// as YCbCr-4:2:2, 8-bit, progressive) — GStreamer's rtpvrawpay.
///
/// Packets of at most `mtu` bytes carry as many line segments as fit, whole pixel groups each; the last
/// packet of a frame has the marker bit. The RTP clock is 90 kHz: timestamps come from buffer times
/// (or count frames at the negotiated rate when buffers have none). Caps say `sampling`, `width`,
/// `height`, `depth` and `colorimetry` as strings, as GStreamer's do.
/// ```
/// parallax-launch videotestsrc ! video/x-raw,format=RGBA,width=320,height=240 ! rtpvrawpay ! udpsink host=127.0.0.1 port=5004
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPVRawPay: Transform, SendsOwnOutputs {
    /// Raw video (pad templates below).
    public typealias Input = AnyMedia
    /// RTP (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpvrawpay", longName: "RTP Raw Video payloader", klass: "Codec/Payloader/Network/RTP",
        description: "Payload raw video as RTP packets (RFC 4175)",
        properties: [
            .uint("mtu", \.mtu, range: 28...UInt64(UInt32.max), "Maximum size of one packet"),
            .uint("pt", \.payloadType, range: 0...0x7F, "The payload type of the packets"),
            .int("seqnum-offset", \.sequenceOffset, range: -1...0xFFFF, "Offset to add to all outgoing seqnum (-1 = random)"),
            .uint("timestamp-offset", \.timestampOffset, range: 0...UInt64(UInt32.max),
                  "Offset to add to all outgoing timestamps (default = random)"),
            .uint("ssrc", \.ssrc, range: 0...UInt64(UInt32.max), "The SSRC of the packets (default == random)"),
        ])

    /// Header plus payload, at most.
    public var mtu: UInt64 = 1400
    /// The payload type.
    public var payloadType: UInt64 = 96
    /// The first sequence number (-1: random).
    public var sequenceOffset = -1
    /// The first RTP timestamp (4294967295: random).
    public var timestampOffset: UInt64 = UInt64(UInt32.max)
    /// The synchronisation source (4294967295: random).
    public var ssrc: UInt64 = UInt64(UInt32.max)

    private var info: VideoInfo?
    private var sampling: RawVideoSampling?
    private var sequence: UInt32 = 0
    private var baseTimestamp: UInt32 = 0
    private var chosenSSRC: UInt32 = 0
    private var frames: UInt64 = 0

    /// A payloader with GStreamer's defaults.
    public init() {}

    /// Raw video in, RFC 4175 RTP out.
    public static var padTemplates: [PadTemplate] {
        let depay = RTPVRawDepay.padTemplates
        return [
            PadTemplate(name: "sink", direction: .sink, caps: depay.first { $0.direction == .src }!.caps),
            PadTemplate(name: "src", direction: .src, caps: depay.first { $0.direction == .sink }!.caps),
        ]
    }

    /// The depayloader's mapping, the other way round, plus colorimetry, payload and frame rate.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let mapped = RTPVRawDepay().transformCaps(caps, from: direction == .sink ? .src : .sink)
        guard direction == .sink else { return mapped }
        return Caps(mapped.structures.map { structure in
            var structure = structure
            if let name = structure.string("sampling"), let sampling = RawVideoSampling.named(name) {
                structure["colorimetry"] = .string(sampling.colorimetry)
            }
            structure["payload"] = .int(Int(payloadType))
            if let rate = caps.structures.first?.fraction("framerate"), rate.numerator > 0 {
                structure["a-framerate"] = .string(String(rate.numerator / max(rate.denominator, 1)))
            }
            return structure
        })
    }

    /// Each packet fits in `mtu` bytes.
    public func outputSize(for caps: Caps) -> Int? { Int(clamping: mtu) }

    /// Learns the frame layout.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let info = VideoInfo(caps: input), let sampling = RawVideoSampling.of(info.format) else {
            throw ElementError("rtpvrawpay: the input caps are not a supported raw video format")
        }
        guard Int(clamping: mtu) >= 12 + 2 + 6 + sampling.bytes else {
            throw ElementError("rtpvrawpay: an mtu of \(mtu) bytes cannot carry one pixel group")
        }
        self.info = info
        self.sampling = sampling
    }

    /// Chooses the stream's sequence number, timestamp and SSRC.
    public mutating func start() throws(ElementError) {
        sequence = sequenceOffset >= 0 ? UInt32(sequenceOffset) : UInt32(UInt16.random(in: .min ... .max))
        baseTimestamp = timestampOffset < UInt64(UInt32.max) ? UInt32(timestampOffset) : UInt32.random(in: .min ... .max)
        chosenSSRC = ssrc < UInt64(UInt32.max) ? UInt32(ssrc) : UInt32.random(in: .min ... .max)
        frames = 0
    }

    /// Emits one frame as packets.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info, let sampling else { throw ElementError("rtpvrawpay: not negotiated") }
        let timestamp = baseTimestamp &+ rtpTime(ctx.metadata, info)
        frames += 1
        let lineBytes = info.width / sampling.pixels * sampling.bytes
        let room = min(Int(clamping: mtu), ctx.outputCapacity) - 12 - 2
        let input = ctx.withUnsafeInput { $0 }
        guard input.count >= info.strides[0] * (info.height - 1) + lineBytes else {
            throw ElementError("rtpvrawpay: a frame of \(input.count) bytes is smaller than \(info.width)×\(info.height) \(info.format.rawValue)")
        }
        var line = 0
        var offset = 0  // bytes into the line
        while line < info.height {
            var segments: [(line: Int, offset: Int, length: Int)] = []
            var left = room
            while line < info.height, left >= 6 + sampling.bytes {
                let length = min(lineBytes - offset, (left - 6) / sampling.bytes * sampling.bytes)
                segments.append((line, offset, length))
                left -= 6 + length
                offset += length
                if offset == lineBytes {
                    line += 1
                    offset = 0
                }
            }
            let last = line >= info.height
            let header = packetHeader(marker: last, timestamp: timestamp)
            let stride = info.strides[0]
            let status = try ctx.emit(metadata: ctx.metadata) { packet in
                var cursor = 0
                func put(_ byte: UInt8) {
                    packet[cursor] = byte
                    cursor += 1
                }
                header.forEach(put)
                put(UInt8(truncatingIfNeeded: sequence >> 24))
                put(UInt8(truncatingIfNeeded: sequence >> 16))
                for (index, segment) in segments.enumerated() {
                    let pixelOffset = segment.offset / sampling.bytes * sampling.pixels
                    put(UInt8(segment.length >> 8))
                    put(UInt8(segment.length & 0xFF))
                    put(UInt8(segment.line >> 8 & 0x7F))
                    put(UInt8(segment.line & 0xFF))
                    put(UInt8(pixelOffset >> 8 & 0x7F) | (index < segments.count - 1 ? 0x80 : 0))
                    put(UInt8(pixelOffset & 0xFF))
                }
                for segment in segments {
                    let from = input.baseAddress! + segment.line * stride + segment.offset
                    (packet.baseAddress! + cursor).copyMemory(from: from, byteCount: segment.length)
                    cursor += segment.length
                }
                return cursor
            }
            sequence &+= 1
            if status != .ok { return status }
        }
        return .dropped
    }

    private func packetHeader(marker: Bool, timestamp: UInt32) -> [UInt8] {
        var header: [UInt8] = [0x80, UInt8(payloadType) | (marker ? 0x80 : 0), UInt8(sequence >> 8 & 0xFF), UInt8(sequence & 0xFF)]
        for shift in [24, 16, 8, 0] { header.append(UInt8(truncatingIfNeeded: timestamp >> UInt32(shift))) }
        for shift in [24, 16, 8, 0] { header.append(UInt8(truncatingIfNeeded: chosenSSRC >> UInt32(shift))) }
        return header
    }

    /// 90 kHz time of the frame: from its pts, or by counting frames at the negotiated rate.
    private func rtpTime(_ metadata: BufferMetadata, _ info: VideoInfo) -> UInt32 {
        if let pts = metadata.pts {
            return UInt32(truncatingIfNeeded: ClockTime.scale(pts.nanoseconds, 90_000, 1_000_000_000).nanoseconds)
        }
        let rate = info.framerate.numerator > 0 ? info.framerate : Fraction(30, 1)
        return UInt32(truncatingIfNeeded: frames * 90_000 * UInt64(rate.denominator) / UInt64(rate.numerator))
    }
}
#endif  // Network
