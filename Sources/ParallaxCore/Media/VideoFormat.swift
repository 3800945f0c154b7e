/// The run-time description of a raw video pixel format: its GStreamer name and plane layout.
///
/// Sizes follow GStreamer's default layout (`gst_video_info_set_format`): each row is padded to a
/// multiple of 4 bytes and chroma planes of 4:2:0 formats cover `⌈width/2⌉ × ⌈height/2⌉`, so files
/// written by Parallax and by GStreamer have identical bytes.
///
/// Formats with more than 8 bits per sample (`I420_10LE`) are not part of "any raw format"
/// (`RawVideo<AnyPixelFormat>`, `eightBitFormats`): an element handles them only when its template names them.
public enum VideoFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case i420 = "I420"
    case yv12 = "YV12"
    case nv12 = "NV12"
    case nv21 = "NV21"
    case yuy2 = "YUY2"
    case uyvy = "UYVY"
    case y444 = "Y444"
    case rgba = "RGBA"
    case bgra = "BGRA"
    case rgbx = "RGBx"
    case bgrx = "BGRx"
    case rgb = "RGB"
    case bgr = "BGR"
    case gray8 = "GRAY8"
    /// Planar 4:2:0 YUV with 10-bit samples in 16-bit little-endian words (the value in the low 10 bits).
    case i420_10le = "I420_10LE"

    /// The caps name (`I420`).
    public var name: String { rawValue }

    /// The format named `name` in caps, or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// The formats of 8-bit samples: what elements written for "any raw format" handle, and what
    /// `RawVideo<AnyPixelFormat>` lists.
    public static let eightBitFormats: [VideoFormat] = allCases.filter { $0.bitsPerSample == 8 }

    /// Significant bits in each sample: 8, or 10 for `I420_10LE`.
    public var bitsPerSample: Int { self == .i420_10le ? 10 : 8 }

    /// Whether the format stores luma and chroma (as opposed to RGB or grey).
    public var isYUV: Bool {
        switch self {
        case .i420, .yv12, .nv12, .nv21, .yuy2, .uyvy, .y444, .i420_10le: true
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8: false
        }
    }

    /// Bytes per pixel of packed formats (the first plane's for planar ones).
    public var pixelStride: Int {
        switch self {
        case .rgba, .bgra, .rgbx, .bgrx: 4
        case .rgb, .bgr: 3
        case .yuy2, .uyvy, .i420_10le: 2
        case .i420, .yv12, .nv12, .nv21, .y444, .gray8: 1
        }
    }

    /// The plane strides, plane offsets and total size of a `width × height` frame.
    public func layout(width: Int, height: Int) -> (strides: [Int], offsets: [Int], size: Int) {
        func up4(_ v: Int) -> Int { (v + 3) & ~3 }
        let halfWidth = (width + 1) / 2
        let halfHeight = (height + 1) / 2
        switch self {
        case .i420, .yv12:
            let y = up4(width), c = up4(halfWidth)
            let ySize = y * up2(height), cSize = c * halfHeight
            return ([y, c, c], [0, ySize, ySize + cSize], ySize + 2 * cSize)
        case .i420_10le:
            let y = up4(width * 2), c = up4(halfWidth * 2)
            let ySize = y * up2(height), cSize = c * halfHeight
            return ([y, c, c], [0, ySize, ySize + cSize], ySize + 2 * cSize)
        case .nv12, .nv21:
            let y = up4(width)
            let ySize = y * up2(height)
            return ([y, y], [0, ySize], ySize + y * halfHeight)
        case .y444:
            let s = up4(width)
            return ([s, s, s], [0, s * height, 2 * s * height], 3 * s * height)
        case .yuy2, .uyvy:
            let s = up4(halfWidth * 4)
            return ([s], [0], s * height)
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8:
            let s = up4(width * pixelStride)
            return ([s], [0], s * height)
        }
    }

    private func up2(_ v: Int) -> Int { (v + 1) & ~1 }
}
