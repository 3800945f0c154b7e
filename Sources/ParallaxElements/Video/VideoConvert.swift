import ParallaxCore

/// `videoconvert`: converts video frames between every `VideoFormat` at the same size — GStreamer's
/// colour space converter.
///
/// Each row is unpacked into a line of `A c0 c1 c2` pixels (ARGB for RGB formats, AYUV for YUV, `Y 128 128`
/// for GRAY8), converted by one 8-bit colour matrix in GStreamer's fixed point (`video_orc_matrix8`:
/// coefficients × 256, rounded; `((a·r + b·g + c·b) >> 8) + offset`), and packed into the output. 4:2:0 rows
/// are handled in pairs so chroma can be averaged over 2×2 pixels.
///
/// Colorimetry: a `colorimetry` caps field picks the matrix and the range (`bt601`, `bt709`, `jpeg` — full-range
/// BT.601 — or `range:matrix:transfer:primaries`, range 1 full and 2 limited); without it, as GStreamer's
/// default colorimetry, YUV is limited range with BT.601 up to 576 lines and BT.709 above. GRAY8 is full range with BT.601 weights, as in
/// GStreamer (RGB white → 255, red → 76). YUV → YUV and RGB → RGB only repack (same matrix assumed).
///
/// Matches GStreamer byte for byte (checked against gst-launch-1.0 on the same frames by
/// `VideoConverterReferenceTests`): RGB → YUV/GRAY values (red → Y 81, U 90, V 239 — GStreamer's fixed point
/// gives V 239, not the ideal 240), GRAY ↔ RGB, repacking between formats of one family, plane layouts and
/// zeroed padding, and YUV → RGB, which uses GStreamer's own 8-bit arithmetic (`VideoConvertMatrix.applyYUVToRGB`)
/// and chroma upsampling (repetition for planar 4:2:0 and 4:4:4, GStreamer's fast path; interpolation at
/// GStreamer's default siting for NV12/NV21/YUY2/UYVY, its general path). Downsampling averages pixel pairs (and
/// row pairs for 4:2:0), GStreamer's filter for centred (standard-definition) chroma; for high definition
/// GStreamer co-sites chroma and filters differently, so sharp chroma edges differ there.
/// When the formats are equal the frame is copied.
///
/// 10-bit input: `I420_10LE` converts to the 8-bit 4:2:0 YUV formats (`I420`, `YV12`, `NV12`, `NV21`): each
/// sample shifted right by 2, which is what GStreamer's unpacking to 16 bits and packing to 8 gives (checked byte
/// for byte against gst-launch-1.0). Other formats are reached through one of those by a second conversion:
/// GStreamer converts 10-bit YUV to RGB at 16-bit precision with interpolated chroma, which Parallax does not
/// reproduce. 8-bit formats do not convert to `I420_10LE` (GStreamer dithers there); `I420_10LE` to itself is a
/// copy.
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,format=I420 ! videoconvert ! video/x-raw,format=RGBA ! fakesink
/// ```
/// Thread: `process` runs on the streaming thread.
public struct VideoConvert: Converter {
    /// Raw video in any format.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// Raw video in any format, the same size as the input.
    public typealias Output = RawVideo<AnyPixelFormat>

    public static let descriptor = ElementDescriptor<Self>(
        factory: "videoconvert", longName: "Colorspace converter", klass: "Filter/Converter/Video",
        description: "Converts video from one colorspace to another")

    /// A copy plus a colour matrix per pixel (`ConversionCost`).
    public static var conversionCost: Int { ConversionCost.copy + ConversionCost.pixelMath }

    private var inputInfo: VideoInfo?
    private var outputInfo: VideoInfo?
    private var matrix: VideoConvertMatrix?
    /// The `I420` frame a 10-bit input is reduced to before the 8-bit conversion (`I420_10LE` to other formats).
    private var reduced: [UInt8] = []

    public init() {}

    /// The formats `I420_10LE` converts to: 8-bit 4:2:0 YUV, a repacking of its samples shifted right by 2.
    static let tenBitTargets: [VideoFormat] = [.i420, .yv12, .nv12, .nv21]

    /// Every 8-bit format, and `I420_10LE` (in: to the 8-bit 4:2:0 YUV formats; out: only from itself).
    public static var padTemplates: [PadTemplate] {
        let formats = VideoFormat.eightBitFormats + [.i420_10le]
        let caps = Caps("video/x-raw", [("format", .list(formats.map { .string($0.name) }))])
        return [
            PadTemplate(name: "sink", direction: .sink, caps: caps),
            PadTemplate(name: "src", direction: .src, caps: caps),
        ]
    }

    /// The same caps with `format` free (every 8-bit format, the incoming ones first; still absent when absent) and
    /// without `colorimetry` and `chroma-site`; width, height and frame rate are kept. Because the incoming format comes first,
    /// fixation keeps the input format when the other side allows it. `I420_10LE` goes only to itself and to the 8-bit
    /// 4:2:0 YUV formats (`tenBitTargets`), and comes only from itself.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        var result: [CapsStructure] = []
        for var structure in caps.structures where structure.name == "video/x-raw" {
            var first: [VideoFormat] = []
            switch structure["format"] {
            case .string(let name)?: first = VideoFormat(name: name).map { [$0] } ?? []
            case .list(let items)?:
                for case .string(let name) in items { if let f = VideoFormat(name: name) { first.append(f) } }
            default: break
            }
            // No format on this side means any: leave it open rather than impose the template's order.
            if structure["format"] != nil {
                var formats = first
                if first.contains(where: { $0.bitsPerSample == 8 }) {
                    formats += VideoFormat.eightBitFormats.filter { !formats.contains($0) }
                }
                if first.contains(.i420_10le) {
                    if direction == .sink { formats += Self.tenBitTargets.filter { !formats.contains($0) } }
                } else if direction == .src, first.contains(where: Self.tenBitTargets.contains) {
                    formats.append(.i420_10le)
                }
                structure["format"] = .list(formats.map { .string($0.name) })
            }
            structure["colorimetry"] = nil
            structure["chroma-site"] = nil
            if !result.contains(structure) { result.append(structure) }
        }
        return Caps(result)
    }

    /// Picks the first allowed format (the input's, when allowed; see `transformCaps`), then fixes the rest.
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps { caps.fixated() }

    /// Takes the negotiated formats; both sides must be raw video of the same size.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let input, let output, let inInfo = VideoInfo(caps: input), let outInfo = VideoInfo(caps: output) else {
            throw ElementError("videoconvert cannot handle these caps.",
                               debug: "input \(input?.description ?? "none"), output \(output?.description ?? "none")")
        }
        guard inInfo.width == outInfo.width, inInfo.height == outInfo.height else {
            throw ElementError("videoconvert cannot change the frame size.",
                               debug: "\(inInfo.width)×\(inInfo.height) → \(outInfo.width)×\(outInfo.height)")
        }
        let inModel = VideoConvertModel(format: inInfo.format, height: inInfo.height,
                                        colorimetry: input.structures.first?.string("colorimetry"))
        let outModel = VideoConvertModel(format: outInfo.format, height: outInfo.height,
                                         colorimetry: output.structures.first?.string("colorimetry"))
        if (outInfo.format == .i420_10le || inInfo.format == .i420_10le), inInfo.format != outInfo.format,
            !(inInfo.format == .i420_10le && Self.tenBitTargets.contains(outInfo.format))
        {
            throw ElementError("videoconvert cannot convert \(inInfo.format.name) to \(outInfo.format.name).")
        }
        var inModel8 = inModel
        if inInfo.format == .i420_10le {
            // Reduced to I420 first, then repacked.
            inModel8 = VideoConvertModel(format: .i420, height: inInfo.height,
                                         colorimetry: input.structures.first?.string("colorimetry"))
        }
        inputInfo = inInfo
        outputInfo = outInfo
        let throughI420 = inInfo.format == .i420_10le && outInfo.format != .i420_10le && outInfo.format != .i420
        let i420Size = VideoInfo(format: .i420, width: inInfo.width, height: inInfo.height).size
        reduced = throughI420 ? [UInt8](repeating: 0, count: i420Size) : []
        matrix = VideoConvertMatrix(from: inModel8, to: outModel)
    }

    /// One output frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Converts one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let inInfo = inputInfo, let outInfo = outputInfo else {
            throw ElementError("Internal data stream error.", debug: "not negotiated")
        }
        guard ctx.inputLength >= inInfo.size, ctx.outputCapacity >= outInfo.size else {
            throw ElementError("Internal data stream error.",
                               debug: "input of \(ctx.inputLength) bytes (frame \(inInfo.size)), output of "
                                   + "\(ctx.outputCapacity) bytes (frame \(outInfo.size))")
        }
        // The input memory is the buffer's storage, stable for the whole call.
        let input = ctx.withUnsafeInput { $0.baseAddress }
        let matrix = self.matrix
        if inInfo.format == .i420_10le, outInfo.format != .i420_10le, let source = input {
            let i420 = VideoInfo(format: .i420, width: inInfo.width, height: inInfo.height, framerate: inInfo.framerate)
            if outInfo.format == .i420 {
                ctx.withUnsafeOutput { output in
                    guard let destination = output.baseAddress else { return }
                    Self.reduceTo8Bit(inInfo, source, i420, destination)
                }
            } else {
                reduced.withUnsafeMutableBytes { scratch in
                    guard let base = scratch.baseAddress else { return }
                    Self.reduceTo8Bit(inInfo, source, i420, base)
                    ctx.withUnsafeOutput { output in
                        guard let destination = output.baseAddress else { return }
                        Self.convertFrame(i420, UnsafeRawPointer(base), outInfo, destination, matrix: matrix)
                    }
                }
            }
            ctx.outputLength = outInfo.size
            return .ok
        }
        ctx.withUnsafeOutput { output in
            guard let source = input, let destination = output.baseAddress else { return }
            Self.convertFrame(inInfo, source, outInfo, destination, matrix: matrix)
        }
        ctx.outputLength = outInfo.size
        return .ok
    }

    /// Converts one frame between 8-bit formats (or copies a frame of one format).
    private static func convertFrame(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer,
        matrix: VideoConvertMatrix?
    ) {
        if inInfo.format == outInfo.format {
            destination.copyMemory(from: source, byteCount: outInfo.size)
        } else if let k = matrix?.yuvToRGB, Self.hasFastPath(inInfo.format, outInfo.format, matrix: matrix) {
            Self.convertPlanar420ToRGB32(inInfo, source, outInfo, destination, k)
        } else if let matrix, Self.hasEncodeFastPath(inInfo.format, outInfo.format, matrix: matrix) {
            Self.convertRGB32ToPlanar420(inInfo, source, outInfo, destination, matrix)
        } else {
            Self.convert(inInfo, source, outInfo, destination, matrix: matrix)
        }
    }

    /// An `I420_10LE` frame as `I420`: every sample shifted right by 2, padding zeroed.
    static func reduceTo8Bit(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer
    ) {
        destination.initializeMemory(as: UInt8.self, repeating: 0, count: outInfo.size)
        let chroma = ((inInfo.width + 1) / 2, (inInfo.height + 1) / 2)
        for (plane, (width, rows)) in [(inInfo.width, inInfo.height), chroma, chroma].enumerated() {
            for row in 0..<rows {
                let from = source + inInfo.offsets[plane] + row * inInfo.strides[plane]
                let to = (destination + outInfo.offsets[plane] + row * outInfo.strides[plane])
                    .assumingMemoryBound(to: UInt8.self)
                for x in 0..<width {
                    let sample = UInt16(littleEndian: from.loadUnaligned(fromByteOffset: 2 * x, as: UInt16.self))
                    to[x] = UInt8(truncatingIfNeeded: sample >> 2)
                }
            }
        }
    }

    /// Converts the frame at `source` into the frame at `destination`, row pair by row pair.
    static func convert(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer,
        matrix: VideoConvertMatrix?
    ) {
        // Padding bytes (row ends, the extra luma row of odd 4:2:0 heights) are zero, as GStreamer leaves them.
        destination.initializeMemory(as: UInt8.self, repeating: 0, count: outInfo.size)
        let width = inInfo.width, height = inInfo.height
        let interpolate = matrix?.yuvToRGB != nil && VideoConvertLines.interpolatesChroma(inInfo.format)
        let unpack = interpolate ? VideoConvertLines.unpackInterpolated : VideoConvertLines.unpack
        // GStreamer's general path (a matrix) co-sites subsampled chroma above 576 lines; its fast paths average.
        let cosited = matrix != nil && outInfo.height > 576
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8 * width) { lines in
            let lineA = lines.baseAddress!, lineB = lineA + 4 * width
            for pair in 0..<((height + 1) / 2) {
                let a = 2 * pair, b = Swift.min(a + 1, height - 1)
                unpack(inInfo, source, a, lineA)
                matrix?.apply(to: lineA, count: width)
                if b != a {
                    unpack(inInfo, source, b, lineB)
                    matrix?.apply(to: lineB, count: width)
                    VideoConvertLines.pack(outInfo, destination, row: a, from: lineA, pair: lineB, cosited: cosited)
                    VideoConvertLines.pack(outInfo, destination, row: b, from: lineB, pair: lineA, cosited: cosited)
                } else {
                    VideoConvertLines.pack(outInfo, destination, row: a, from: lineA, pair: lineA, cosited: cosited)
                }
            }
        }
    }
}
