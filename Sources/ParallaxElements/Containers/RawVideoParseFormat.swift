import ParallaxCore

/// The `format` values of `rawvideoparse`: GStreamer's `GstVideoFormat` numbers and nicks, for the formats
/// `PackedVideoLayout` knows.
public enum RawVideoParseFormat: Int, PropertyEnum {
    /// Planar 4:2:0 YUV.
    case i420 = 2
    /// Planar 4:2:0 YVU.
    case yv12 = 3
    /// Packed 4:2:2 YUYV.
    case yuy2 = 4
    /// Packed 4:2:2 UYVY.
    case uyvy = 5
    /// RGB with a padding byte.
    case rgbx = 7
    /// BGR with a padding byte.
    case bgrx = 8
    /// RGB with alpha.
    case rgba = 11
    /// BGR with alpha.
    case bgra = 12
    /// Packed RGB.
    case rgb = 15
    /// Packed BGR.
    case bgr = 16
    /// Planar 4:1:1 YUV.
    case y41b = 17
    /// Planar 4:2:2 YUV.
    case y42b = 18
    /// Planar 4:4:4 YUV.
    case y444 = 20
    /// Semi-planar 4:2:0, UV interleaved.
    case nv12 = 23
    /// Semi-planar 4:2:0, VU interleaved.
    case nv21 = 24
    /// 8-bit grey.
    case gray8 = 25
    /// 16-bit grey, big-endian.
    case gray16BE = 26
    /// 16-bit grey, little-endian.
    case gray16LE = 27
    /// Planar 4:2:0 YUV, 10-bit samples in 16-bit little-endian words.
    case i420_10LE = 43

    /// The caps name (`I420`).
    public var capsName: String {
        switch self {
        case .i420: "I420"
        case .yv12: "YV12"
        case .yuy2: "YUY2"
        case .uyvy: "UYVY"
        case .rgbx: "RGBx"
        case .bgrx: "BGRx"
        case .rgba: "RGBA"
        case .bgra: "BGRA"
        case .rgb: "RGB"
        case .bgr: "BGR"
        case .y41b: "Y41B"
        case .y42b: "Y42B"
        case .y444: "Y444"
        case .nv12: "NV12"
        case .nv21: "NV21"
        case .gray8: "GRAY8"
        case .gray16BE: "GRAY16_BE"
        case .gray16LE: "GRAY16_LE"
        case .i420_10LE: "I420_10LE"
        }
    }

    /// The nick written in launch strings, as GStreamer spells it (`i420`, `gray16-be`).
    public var nick: String { String(capsName.lowercased().map { $0 == "_" ? "-" : $0 }) }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String { "GST_VIDEO_FORMAT_" + capsName }
}
