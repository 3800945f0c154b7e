#if Network
import ParallaxCore

/// `rtpvrawdepay`: rebuilds raw video frames from RTP packets carrying RFC 4175 payloads (RGB, RGBA, BGR,
/// BGRA and YCbCr-4:2:2 as UYVY, 8-bit, progressive) — GStreamer's rtpvrawdepay.
///
/// Each packet's line segments (line number, offset, length) are copied into the frame being built, after
/// checking that each lies inside the frame; the marker bit completes the frame, which goes on as one
/// buffer. A packet that is not valid RTP or describes segments outside the frame is dropped; a new RTP
/// timestamp before the marker (a lost last packet) sends the incomplete frame on marked `discont`.
/// ```
/// parallax-launch udpsrc port=5004 caps="application/x-rtp,media=video,clock-rate=90000,encoding-name=RAW,sampling=RGBA,depth=(string)8,width=(string)320,height=(string)240" ! rtpvrawdepay ! autovideosink
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct RTPVRawDepay: Transform {
    /// RTP (pad templates below).
    public typealias Input = AnyMedia
    /// Raw video (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "rtpvrawdepay", longName: "RTP Raw Video depayloader", klass: "Codec/Depayloader/Network/RTP",
        description: "Extracts raw video from RTP packets (RFC 4175)")

    /// RFC 4175 RTP in, raw video out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps("application/x-rtp", [
                    ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("RAW")),
                    ("sampling", RawVideoSampling.samplingList), ("depth", .string("8")),
                ])),
            PadTemplate(
                name: "src", direction: .src,
                caps: Caps("video/x-raw", [
                    ("format", RawVideoSampling.formatList), ("width", .intRange(1...Int(Int32.max), step: 1)),
                    ("height", .intRange(1...Int(Int32.max), step: 1)),
                ])),
        ]
    }

    private var info: VideoInfo?
    private var sampling: RawVideoSampling?
    private var frame: [UInt8] = []
    private var timestamp: UInt32?
    private var filled = false

    /// A depayloader.
    public init() {}

    /// `sampling`, `width`, `height` (strings in RTP caps) ↔ the raw video format and size.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let other = Self.template(direction == .sink ? .src : .sink)!.caps
        if caps.isAny { return other }
        var result: [CapsStructure] = []
        for structure in caps.structures {
            if direction == .sink, structure.name == "application/x-rtp" {
                var fields: [(String, CapsValue)] = []
                if let name = structure.string("sampling") {
                    guard let sampling = RawVideoSampling.named(name) else { continue }
                    fields.append(("format", .string(sampling.format.rawValue)))
                } else {
                    fields.append(("format", RawVideoSampling.formatList))
                }
                for field in ["width", "height"] {
                    let value = structure.string(field).flatMap(Int.init).map(CapsValue.int)
                    fields.append((field, value ?? .intRange(1...Int(Int32.max), step: 1)))
                }
                if let rate = structure.string("a-framerate").flatMap(Double.init), rate > 0 {
                    fields.append(("framerate", .fraction(Fraction(Int((rate * 1000).rounded()), 1000).reduced)))
                }
                result.append(CapsStructure("video/x-raw", fields))
            } else if direction == .src, structure.name == "video/x-raw" {
                var fields: [(String, CapsValue)] = [
                    ("media", .string("video")), ("clock-rate", .int(90000)), ("encoding-name", .string("RAW")),
                ]
                if let format = structure.string("format").flatMap(VideoFormat.init(rawValue:)) {
                    guard let sampling = RawVideoSampling.of(format) else { continue }
                    fields.append(("sampling", .string(sampling.name)))
                } else {
                    fields.append(("sampling", RawVideoSampling.samplingList))
                }
                fields.append(("depth", .string("8")))
                if let width = structure.int("width") { fields.append(("width", .string(String(width)))) }
                if let height = structure.int("height") { fields.append(("height", .string(String(height)))) }
                result.append(CapsStructure("application/x-rtp", fields))
            }
        }
        return Caps(result).intersection(other)
    }

    /// Learns the frame layout.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let output, let info = VideoInfo(caps: output), let sampling = RawVideoSampling.of(info.format) else {
            throw ElementError("rtpvrawdepay: the output caps are not a supported raw video format")
        }
        self.info = info
        self.sampling = sampling
        frame = [UInt8](repeating: 0, count: info.size)
    }

    /// Adds one packet to the frame; hands the frame on at the marker bit.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let info, let sampling else { throw ElementError("rtpvrawdepay: not negotiated") }
        let parsed = ctx.withUnsafeInput { bytes in Result { () throws(RTPPacket.Problem) in try RTPPacket(bytes) } }
        guard case .success(let packet) = parsed else { return .dropped }
        var status = FlowStatus.dropped
        if let previous = timestamp, previous != packet.timestamp, filled {
            // The previous frame's last packet never came: send what arrived.
            try deliver(&ctx, discont: true)
            status = .ok
        }
        timestamp = packet.timestamp
        let stride = info.strides[0]
        let accepted = ctx.withUnsafeInput { bytes in
            frame.withUnsafeMutableBytes { target in
                Self.copySegments(
                    UnsafeRawBufferPointer(rebasing: bytes[packet.payload]), into: target, stride: stride,
                    height: info.height, width: info.width, sampling: sampling)
            }
        }
        if accepted { filled = true }
        if packet.marker, filled, status == .dropped {
            try deliver(&ctx, discont: false)
            timestamp = nil
            return .ok
        }
        return status
    }

    private mutating func deliver(_ ctx: inout ProcessContext<Input, Output>, discont: Bool) throws(ElementError) {
        let count = min(frame.count, ctx.outputCapacity)
        frame.withUnsafeBytes { bytes in
            ctx.withUnsafeOutput { output in
                if let target = output.baseAddress, let source = bytes.baseAddress {
                    target.copyMemory(from: source, byteCount: count)
                }
            }
        }
        ctx.outputLength = count
        if discont { ctx.metadata.flags.insert(.discont) }
        filled = false
    }

    /// Copies the payload's line segments into the frame; false when a header or segment is malformed or
    /// lies outside the frame (nothing of a malformed packet is trusted after that point).
    private static func copySegments(
        _ payload: UnsafeRawBufferPointer, into frame: UnsafeMutableRawBufferPointer, stride: Int, height: Int,
        width: Int, sampling: RawVideoSampling
    ) -> Bool {
        guard payload.count >= 2 else { return false }
        // The line headers come first (each says whether another follows), then their segments in order.
        var cursor = 2
        while true {
            guard cursor + 6 <= payload.count else { return false }
            let continues = payload[cursor + 4] & 0x80 != 0
            cursor += 6
            if !continues { break }
        }
        let lineBytes = width / sampling.pixels * sampling.bytes
        var header = 2
        let dataStart = cursor
        while header < dataStart {
            let length = Int(payload[header]) << 8 | Int(payload[header + 1])
            let line = Int(payload[header + 2] & 0x7F) << 8 | Int(payload[header + 3])
            let offset = Int(payload[header + 4] & 0x7F) << 8 | Int(payload[header + 5])
            header += 6
            guard line < height, offset % sampling.pixels == 0, length % sampling.bytes == 0,
                cursor + length <= payload.count
            else { return false }
            let start = offset / sampling.pixels * sampling.bytes
            guard start + length <= lineBytes else { return false }
            frame.baseAddress!.advanced(by: line * stride + start).copyMemory(
                from: payload.baseAddress!.advanced(by: cursor), byteCount: length)
            cursor += length
        }
        return true
    }
}
#endif  // Network
