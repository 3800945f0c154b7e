/// A raw video pixel format as a compile-time tag (`RGBA`, `I420`, …), used as `RawVideo<Format>`.
///
/// Each tag names its run-time description, `VideoFormat`, which knows planes and sizes.
public protocol PixelFormat: Sendable {
    /// The run-time format, or nil for "any raw format" (`AnyPixelFormat`).
    static var format: VideoFormat? { get }
}

/// Packed 8-bit RGBA.
public enum RGBA: PackedRGB { public static var format: VideoFormat? { .rgba } }
/// Packed 8-bit BGRA.
public enum BGRA: PackedRGB { public static var format: VideoFormat? { .bgra } }
/// Packed 8-bit RGBx (padding byte).
public enum RGBx: PackedRGB { public static var format: VideoFormat? { .rgbx } }
/// Packed 8-bit BGRx (padding byte).
public enum BGRx: PackedRGB { public static var format: VideoFormat? { .bgrx } }
/// Packed 24-bit RGB.
public enum RGB: PackedRGB { public static var format: VideoFormat? { .rgb } }
/// Packed 24-bit BGR.
public enum BGR: PackedRGB { public static var format: VideoFormat? { .bgr } }
/// Planar 4:2:0 YUV: Y, then U, then V planes.
public enum I420: PlanarYUV { public static var format: VideoFormat? { .i420 } }
/// Planar 4:2:0 YUV with V before U.
public enum YV12: PlanarYUV { public static var format: VideoFormat? { .yv12 } }
/// Semi-planar 4:2:0 YUV: Y plane, then interleaved UV.
public enum NV12: SemiPlanarYUV { public static var format: VideoFormat? { .nv12 } }
/// Semi-planar 4:2:0 YUV: Y plane, then interleaved VU.
public enum NV21: SemiPlanarYUV { public static var format: VideoFormat? { .nv21 } }
/// Packed 4:2:2 YUV, Y0 U Y1 V.
public enum YUY2: PackedYUV { public static var format: VideoFormat? { .yuy2 } }
/// Packed 4:2:2 YUV, U Y0 V Y1.
public enum UYVY: PackedYUV { public static var format: VideoFormat? { .uyvy } }
/// Planar 4:4:4 YUV.
public enum Y444: PlanarYUV { public static var format: VideoFormat? { .y444 } }
/// 8-bit grey.
public enum GRAY8: LumaPlane { public static var format: VideoFormat? { .gray8 } }
/// Planar 4:2:0 YUV with 10-bit samples in 16-bit little-endian words; in no family (the families hold 8-bit
/// samples).
public enum I420_10LE: PixelFormat { public static var format: VideoFormat? { .i420_10le } }
/// Any raw format: the format is chosen by negotiation (`video/x-raw` with every supported format).
public enum AnyPixelFormat: PixelFormat { public static var format: VideoFormat? { nil } }
