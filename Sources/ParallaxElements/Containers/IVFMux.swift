import ParallaxCore

/// `ivfmux`: writes VP8, VP9 or AV1 frames as an IVF file — the 32-byte `DKIF` header, then each frame after a
/// 12-byte header (size, pts in timebase units). GStreamer has no ivfmux; the layout is libvpx's.
///
/// The header's timebase is 1/frame rate (a millisecond timebase without a frame rate); its frame count is
/// corrected at end of stream by an output flagged `BufferFlags.overwrite` at offset 24, which `filesink`
/// writes in place.
/// ```
/// parallax-launch filesrc location=in.ivf ! ivfparse ! ivfmux ! filesink location=out.ivf
/// ```
/// Thread: `process` and `drain` on its segment's streaming thread.
public struct IVFMux: Transform, SendsOwnOutputs {
    /// VP8, VP9 or AV1 (pad templates below).
    public typealias Input = AnyMedia
    /// `video/x-ivf`.
    public typealias Output = AnyMedia

    /// The factory name.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "ivfmux", longName: "IVF muxer", klass: "Codec/Muxer",
        description: "Writes VP8, VP9 or AV1 frames into an IVF stream")

    private var header: IVFHeader?
    private var frames: UInt32 = 0
    private var headerWritten = false

    /// A muxer.
    public init() {}

    /// VP8, VP9 or AV1 (temporal units of OBUs) in, IVF out.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Caps(MatroskaCodecCaps.webm)),
            PadTemplate(name: "src", direction: .src, caps: Caps("video/x-ivf")),
        ]
    }

    /// `video/x-ivf` from any of the three codecs.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        Self.template(direction == .sink ? .src : .sink)?.caps ?? .empty
    }

    /// Room for the frame header (and for the file header, emitted in an output of the same size).
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        inputSize + IVFHeader.frameHeaderSize + IVFHeader.size
    }

    /// Builds the file header from the input caps.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input else { throw ElementError("ivfmux: no input caps") }
        header = try IVFHeader(caps: input)
        frames = 0
        headerWritten = false
    }

    /// Writes the frame after its 12-byte header (and the file header before the first).
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let header else { throw ElementError("ivfmux: not negotiated") }
        if !headerWritten {
            headerWritten = true
            let status = try emitHeader(header, &ctx)
            if status != .ok { return status }
        }
        guard ctx.inputLength + IVFHeader.frameHeaderSize <= ctx.outputCapacity, ctx.inputLength <= Int(UInt32.max)
        else {
            throw ElementError("ivfmux: frame \(frames) of \(ctx.inputLength) bytes does not fit an output")
        }
        let unit = UInt64(header.timebaseNumerator) * 1_000_000_000  // one timebase tick, in ns × denominator
        let pts =
            ctx.metadata.pts.map {  // rounded to the nearest tick
                ClockTime.scale(
                    $0.nanoseconds &+ unit / (2 * UInt64(header.timebaseDenominator)),
                    UInt64(header.timebaseDenominator), unit
                ).nanoseconds
            } ?? UInt64(frames)
        let frameHeader = IVFHeader.le(UInt64(ctx.inputLength), 4) + IVFHeader.le(pts, 8)
        let input = ctx.withUnsafeInput { $0 }
        ctx.withUnsafeOutput { output in
            output.copyBytes(from: frameHeader)
            if let base = input.baseAddress, input.count > 0 {
                (output.baseAddress! + frameHeader.count).copyMemory(from: base, byteCount: input.count)
            }
        }
        ctx.outputLength = frameHeader.count + ctx.inputLength
        frames &+= 1
        return .ok
    }

    /// Corrects the frame count in the header (writes the header for a stream without frames).
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard var header else { return }
        header.frameCount = frames
        if !headerWritten {
            headerWritten = true
            _ = try emitHeader(header, &ctx)
            return
        }
        var metadata = BufferMetadata(offset: 24, flags: .overwrite)
        metadata.pts = nil
        let count = IVFHeader.le(UInt64(frames), 4)
        _ = try ctx.emit(metadata: metadata) { out in
            guard out.count >= count.count else { return 0 }
            out.copyBytes(from: count)
            return count.count
        }
    }

    private func emitHeader(_ header: IVFHeader, _ ctx: inout ProcessContext<Input, Output>) throws(ElementError)
        -> FlowStatus
    {
        let bytes = header.bytes
        var fits = true
        let status = try ctx.emit(metadata: BufferMetadata(pts: ctx.metadata.pts, flags: .header)) { out in
            fits = out.count >= bytes.count
            guard fits else { return 0 }
            out.copyBytes(from: bytes)
            return bytes.count
        }
        guard fits else { throw ElementError("ivfmux: an output is too small for the 32-byte IVF header") }
        return status
    }
}
