import ParallaxCore

/// `videocrop`: removes `top`, `bottom`, `left` and `right` pixels from the edges of raw video — GStreamer's
/// videocrop for system-memory frames.
///
/// Every format of `VideoFormat` is supported; each plane is cropped at its own resolution, so in 4:2:0
/// formats an odd `left` or `top` starts the chroma at the sample that covers that pixel (as GStreamer). YUY2
/// and UYVY with an odd `left` keep the chroma of the macropixel and shift luma by one sample, as GStreamer
/// (including its quirk of leaving the row's last luma sample unshifted when the row has no padding).
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,width=320,height=240 ! videocrop left=10 right=10 top=20 ! fakesink
/// ```
/// Negotiation: the src side is the sink side less `left + right` columns and `top + bottom` rows (and the
/// reverse upstream), clamped to at least 1 as in GStreamer; a crop that leaves no pixel fails the element
/// when caps are set. No crop at all passes buffers through. Thread: `process` runs on the streaming thread of
/// the element's segment.
public struct VideoCrop: RawVideoFilter {
    /// Any raw video format.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same format, smaller.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// Pixels to remove at the top.
    public var top = 0
    /// Pixels to remove at the bottom.
    public var bottom = 0
    /// Pixels to remove at the left.
    public var left = 0
    /// Pixels to remove at the right.
    public var right = 0

    private var inputInfo: VideoInfo?
    private var outputInfo: VideoInfo?

    /// A crop of nothing (GStreamer's defaults).
    public init() {}

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videocrop", longName: "Crop", klass: "Filter/Effect/Video",
        description: "Crops video into a user-defined region",
        properties: [
            .int("bottom", \.bottom, range: 0...Int64(Int32.max), "Pixels to crop at bottom"),
            .int("left", \.left, range: 0...Int64(Int32.max), "Pixels to crop at left"),
            .int("right", \.right, range: 0...Int64(Int32.max), "Pixels to crop at right"),
            .int("top", \.top, range: 0...Int64(Int32.max), "Pixels to crop at top"),
        ])

    /// Nothing to crop: buffers go on unchanged.
    public var isPassthrough: Bool { top == 0 && bottom == 0 && left == 0 && right == 0 }

    /// Width and height less (sink side) or plus (src side) the crop, clamped to [1, 2147483647].
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let sign = direction == .sink ? -1 : 1
        return VideoResize.transform(caps, width: sign * (left + right), height: sign * (top + bottom))
    }

    /// Decodes both sides and checks that the crop leaves a picture.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        let (inInfo, outInfo) = try VideoInfo.sides("videocrop", "crop", input: input, output: output)
        guard left + right < inInfo.width, top + bottom < inInfo.height else {
            throw ElementError(
                "videocrop cannot crop \(left)+\(right) columns and \(top)+\(bottom) rows from a \(inInfo.width)×\(inInfo.height) frame."
            )
        }
        guard outInfo.width == inInfo.width - left - right, outInfo.height == inInfo.height - top - bottom else {
            throw ElementError(
                "videocrop gives \(inInfo.width - left - right)×\(inInfo.height - top - bottom) from \(inInfo.width)×\(inInfo.height), not \(outInfo.width)×\(outInfo.height)."
            )
        }
        inputInfo = inInfo
        outputInfo = outInfo
    }

    /// One output frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Copies the kept rectangle of one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if isPassthrough { return .ok }  // the buffer goes on as it is
        guard let inputInfo, let outputInfo else { throw ElementError("videocrop was not negotiated.") }
        let (x, y) = (left, top)
        try ctx.transformFrame("videocrop", from: inputInfo, to: outputInfo) { source, destination in
            Self.crop(source, inputInfo, x: x, y: y, into: destination, outputInfo)
        }
        return .ok
    }

    /// Copies the `output`-sized rectangle at (x, y) of `source` into `destination`.
    static func crop(
        _ source: UnsafeRawPointer, _ input: VideoInfo, x: Int, y: Int, into destination: UnsafeMutableRawPointer,
        _ output: VideoInfo
    ) {
        guard let inPlanes = VideoPlane.planes(of: input), let outPlanes = VideoPlane.planes(of: output) else {
            // YUY2/UYVY: whole macropixels from the one holding column x; an odd x moves luma one sample left.
            let ss = input.strides[0], ds = output.strides[0], bytes = 4 * ((output.width + 1) / 2)
            let yOffset = VideoPlane.packedOffsets(input.format).y
            for row in 0..<output.height {
                let from = source + (y + row) * ss + (x & ~1) * 2, to = destination + row * ds
                to.copyMemory(from: from, byteCount: min(bytes, ss - (x & ~1) * 2))
                guard x % 2 == 1 else { continue }
                // Up to the last two bytes of the output stride, as GStreamer (its last luma sample stays unshifted
                // when the row has no padding).
                for j in stride(from: yOffset, to: min(2 * output.width, ds - 2), by: 2) {
                    to.storeBytes(of: from.load(fromByteOffset: j + 2, as: UInt8.self), toByteOffset: j, as: UInt8.self)
                }
            }
            return
        }
        for (from, to) in zip(inPlanes, outPlanes) {
            let column = x >> from.shiftX, row = y >> from.shiftY
            let start = source + from.offset + row * from.stride + column * from.sampleSize
            let bytes = to.width * to.sampleSize
            for r in 0..<to.height {
                (destination + to.offset + r * to.stride).copyMemory(from: start + r * from.stride, byteCount: bytes)
            }
        }
    }
}
