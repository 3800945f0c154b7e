#if AV1
import CRav1e
import ParallaxCore

/// One rav1e encoding context: configured once from the negotiated format and the element's settings, fed
/// frames plane by plane, drained of packets (each one temporal unit) as rav1e makes them.
///
/// ```
/// send(planes) ──► rav1e (lookahead, reordering) ──► receive() → Packet (TU bytes, input frame number, key?)
/// finish() then receive() until nil: what rav1e still held
/// ```
/// rav1e copies each plane into its own frame (`rav1e_frame_fill_plane`); the packet's bytes stay rav1e's until
/// `release`. Thread: the owning element's streaming thread only; unchecked `Sendable` because the element value
/// that holds it is `Sendable` but is only ever used from that one thread.
final class Rav1eSession: @unchecked Sendable {
    /// What `receive()` hands back: a packet rav1e still owns, to copy out and then `release`.
    struct Packet {
        fileprivate let pointer: UnsafeMutablePointer<RaPacket>
        /// The temporal unit's bytes (valid until `release`).
        var bytes: UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: pointer.pointee.data, count: pointer.pointee.len)
        }
        /// The 0-based number of the input frame it shows, in the order frames were sent.
        var frameNumber: UInt64 { pointer.pointee.input_frameno }
        /// Whether the frame is a key frame.
        var isKeyFrame: Bool { pointer.pointee.frame_type == RA_FRAME_TYPE_KEY }
    }

    /// One plane of an input frame: its bytes, its row stride, and bytes per sample (1 for 8-bit, 2 above).
    struct Plane {
        var bytes: UnsafeRawBufferPointer
        var stride: Int
        var bytesPerSample: Int
    }

    private let context: OpaquePointer

    /// Opens a context; `settings` are rav1e's `key=value` configuration (`rav1e_config_parse`).
    init(
        width: Int, height: Int, bitDepth: Int, timeBase: (numerator: UInt64, denominator: UInt64)?,
        colour: AV1Colour, settings: [(String, String)]
    ) throws(ElementError) {
        guard let config = rav1e_config_default() else { throw ElementError("av1enc: rav1e has no configuration") }
        defer { rav1e_config_unref(config) }
        for (key, value) in [("width", String(width)), ("height", String(height))] + settings {
            guard rav1e_config_parse(config, key, value) >= 0 else {
                throw ElementError("av1enc: rav1e refuses \(key)=\(value)")
            }
        }
        guard
            rav1e_config_set_pixel_format(
                config, UInt8(bitDepth), RA_CHROMA_SAMPLING_CS420, RA_CHROMA_SAMPLE_POSITION_UNKNOWN,
                RA_PIXEL_RANGE_LIMITED) >= 0
        else { throw ElementError("av1enc: rav1e refuses \(bitDepth)-bit 4:2:0") }
        guard
            rav1e_config_set_color_description(
                config, RaMatrixCoefficients(rawValue: colour.matrix), RaColorPrimaries(rawValue: colour.primaries),
                RaTransferCharacteristics(rawValue: colour.transfer)) >= 0
        else { throw ElementError("av1enc: rav1e refuses the colour description \(colour)") }
        if let timeBase {
            rav1e_config_set_time_base(config, RaRational(num: timeBase.numerator, den: timeBase.denominator))
        }
        guard let context = rav1e_context_new(config) else {
            throw ElementError(
                "av1enc: rav1e cannot encode \(width)×\(height) with "
                    + settings.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
        }
        self.context = context
    }

    deinit { rav1e_context_unref(context) }

    /// Whether `send` must wait: rav1e's queue is full until packets are received.
    enum SendResult { case accepted, full }

    /// Hands rav1e one frame (copied by rav1e plane by plane).
    func send(_ planes: [Plane]) throws(ElementError) -> SendResult {
        guard let frame = rav1e_frame_new(context) else { throw ElementError("av1enc: rav1e cannot make a frame") }
        defer { rav1e_frame_unref(frame) }
        for (index, plane) in planes.enumerated() {
            rav1e_frame_fill_plane(
                frame, Int32(index), plane.bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), plane.bytes.count,
                plane.stride, Int32(plane.bytesPerSample))
        }
        return try check(rav1e_send_frame(context, frame))
    }

    /// Tells rav1e no more frames come: `receive` then hands out what it still holds.
    func finish() throws(ElementError) {
        _ = try check(rav1e_send_frame(context, nil))
    }

    /// The next packet, or nil when rav1e needs more frames (or, after `finish`, has nothing left).
    func receive() throws(ElementError) -> Packet? {
        while true {
            var packet: UnsafeMutablePointer<RaPacket>?
            let status = rav1e_receive_packet(context, &packet)
            switch status {
            case RA_ENCODER_STATUS_SUCCESS:
                guard let packet else { continue }
                return Packet(pointer: packet)
            case RA_ENCODER_STATUS_ENCODED: continue  // a frame was coded, its packet comes later
            case RA_ENCODER_STATUS_NEED_MORE_DATA, RA_ENCODER_STATUS_LIMIT_REACHED: return nil
            default: throw failure(status)
            }
        }
    }

    /// Gives a packet's memory back to rav1e.
    func release(_ packet: Packet) { rav1e_packet_unref(packet.pointer) }

    private func check(_ status: RaEncoderStatus) throws(ElementError) -> SendResult {
        switch status {
        case RA_ENCODER_STATUS_SUCCESS: .accepted
        case RA_ENCODER_STATUS_ENOUGH_DATA: .full
        default: throw failure(status)
        }
    }

    private func failure(_ status: RaEncoderStatus) -> ElementError {
        let text = rav1e_status_to_str(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        return ElementError("av1enc: rav1e failed: \(text)")
    }
}
#endif  // AV1
