import CZlib
import ParallaxCore

/// `pngenc`: encodes each raw video frame as a PNG image — GStreamer's pngenc.
///
/// RGB, RGBA, GRAY8 and GRAY16_BE frames become 8-bit RGB, 8-bit RGBA, 8-bit and 16-bit greyscale PNGs,
/// non-interlaced: the signature, `IHDR`, one `IDAT` holding the rows (each with filter byte 0, "none")
/// compressed by zlib at `compression-level` (0 to 9, default 6), and `IEND`, each chunk with its CRC-32.
/// Timestamps pass through. With `snapshot` the first image is sent and the stream ends.
/// ```
/// parallax-launch videotestsrc num-buffers=1 ! video/x-raw,format=RGBA ! pngenc ! filesink location=a.png
/// ```
/// Thread: `process` on its segment's streaming thread.
public struct PNGEncoder: Transform, SendsOwnOutputs {
    /// Raw video (pad templates below).
    public typealias Input = AnyMedia
    /// `image/png` (pad templates below).
    public typealias Output = AnyMedia

    /// The factory name and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "pngenc", longName: "PNG image encoder", klass: "Codec/Encoder/Image",
        description: "Encode a video frame to a .png image",
        properties: [
            .uint("compression-level", \.compressionLevel, range: 0...9, "PNG compression level"),
            .bool("snapshot", \.snapshot, "Send EOS after encoding a frame, useful for snapshots"),
        ])

    /// The zlib level, 0 (stored) to 9 (smallest); default 6.
    public var compressionLevel: UInt64 = 6
    /// Whether the stream ends after the first image.
    public var snapshot = false

    /// The formats and their PNG colour type, bit depth and bytes per pixel.
    private static let formats: [(name: String, colorType: UInt8, depth: UInt8, bytes: Int)] = [
        ("RGBA", 6, 8, 4), ("RGB", 2, 8, 3), ("GRAY8", 0, 8, 1), ("GRAY16_BE", 0, 16, 2),
    ]

    /// Raw RGB, RGBA and grey in, PNG images out.
    public static var padTemplates: [PadTemplate] {
        let size: [(String, CapsValue)] = [
            ("width", .intRange(1...1_000_000, step: 1)), ("height", .intRange(1...1_000_000, step: 1)),
            ("framerate", .fractionRange(Fraction(0, 1)...Fraction(Int(Int32.max), 1))),
        ]
        return [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps(
                    "video/x-raw",
                    [
                        ("format", .list(formats.map { .string($0.name) }))
                    ] + size)),
            PadTemplate(name: "src", direction: .src, caps: Caps("image/png", size)),
        ]
    }

    private var layout: PackedVideoLayout?
    private var colorType: UInt8 = 0
    private var depth: UInt8 = 8

    /// An encoder with GStreamer's defaults.
    public init() {}

    /// `image/png` of the input's size and rate.
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return Self.template(direction == .sink ? .src : .sink)!.caps }
        let other = Self.template(direction == .sink ? .src : .sink)!.caps
        return Caps(
            caps.structures.map { structure in
                var fields: [(String, CapsValue)] = []
                for name in ["width", "height", "framerate"] {
                    if let value = structure[name] { fields.append((name, value)) }
                }
                if direction == .src { fields.insert(("format", other.structures[0]["format"]!), at: 0) }
                return CapsStructure(direction == .sink ? "image/png" : "video/x-raw", fields)
            }
        ).intersection(other)
    }

    /// Learns the frame layout.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        guard let s = input?.structures.first, let name = s.string("format"),
            let format = Self.formats.first(where: { $0.name == name }), let width = s.int("width"),
            let height = s.int("height"), let layout = PackedVideoLayout(format: name, width: width, height: height)
        else {
            throw ElementError("pngenc: the input caps \(input?.description ?? "none") are not RGB, RGBA or grey video")
        }
        self.layout = layout
        colorType = format.colorType
        depth = format.depth
    }

    /// Room for the compressed rows at their worst and the chunks around them.
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? {
        guard let layout else { return nil }
        let raw = layout.packedSize + layout.height
        return Int(compressBound(uLong(raw))) + 8 + 25 + 12 + 12
    }

    /// Encodes one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard let layout else { throw ElementError("pngenc: not negotiated") }
        guard ctx.inputLength >= layout.size else {
            throw ElementError(
                "pngenc: a frame of \(ctx.inputLength) bytes is smaller than \(layout.width)×\(layout.height) "
                    + "\(layout.format) (\(layout.size) bytes)")
        }
        let rowBytes = layout.planes[0].rowBytes, stride = layout.planes[0].stride
        var rows = [UInt8](repeating: 0, count: (rowBytes + 1) * layout.height)
        ctx.withUnsafeInput { input in
            rows.withUnsafeMutableBytes { out in
                for row in 0..<layout.height {
                    (out.baseAddress! + row * (rowBytes + 1) + 1)
                        .copyMemory(from: input.baseAddress! + row * stride, byteCount: rowBytes)
                }
            }
        }
        var image: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        for value in [UInt32(layout.width), UInt32(layout.height)] { header += Self.bigEndian(value) }
        header += [depth, colorType, 0, 0, 0]
        Self.appendChunk("IHDR", header, to: &image)
        Self.appendChunk("IDAT", try compress(rows), to: &image)
        Self.appendChunk("IEND", [], to: &image)
        guard image.count <= ctx.outputCapacity else {
            throw ElementError(
                "pngenc: an output of \(ctx.outputCapacity) bytes cannot hold an image of \(image.count)")
        }
        ctx.withUnsafeOutput { output in image.withUnsafeBytes { output.copyMemory(from: $0) } }
        ctx.outputLength = image.count
        if snapshot {
            _ = try ctx.emit(metadata: ctx.metadata) { output in
                image.withUnsafeBytes { output.copyMemory(from: $0) }
                return image.count
            }
            return .eos
        }
        return .ok
    }

    /// The zlib stream of `rows` at `compression-level`.
    private func compress(_ rows: [UInt8]) throws(ElementError) -> [UInt8] {
        var length = compressBound(uLong(rows.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { destination in
            rows.withUnsafeBufferPointer { source in
                compress2(
                    destination.baseAddress, &length, source.baseAddress, uLong(source.count),
                    Int32(min(compressionLevel, 9)))
            }
        }
        guard status == Z_OK else { throw ElementError("pngenc: zlib failed to compress a frame (status \(status))") }
        out.removeSubrange(Int(length)...)
        return out
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// Appends length, type, data and the CRC-32 of type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to image: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        image += bigEndian(UInt32(data.count)) + typeBytes + data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
        image += bigEndian(UInt32(truncatingIfNeeded: crc))
    }
}
