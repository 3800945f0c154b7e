/// Families of pixel formats, for elements generic over a format that only work on some layouts.
///
/// A generic element states the family it needs, and the compiler rejects the others where the element is
/// written:
///
/// ```swift
/// struct Denoise<Format: PlanarYUV>: Transform { typealias Input = RawVideo<Format>; … }
/// Denoise<I420>()    // fine
/// Denoise<RGBA>()    // error: type 'RGBA' does not conform to protocol 'PlanarYUV'
/// ```
///
/// Planar 4:2:0 or 4:4:4 YUV with one plane per component (`I420`, `YV12`, `Y444`).
public protocol PlanarYUV: LumaPlane {}

/// Semi-planar YUV: a luma plane, then one plane of interleaved chroma (`NV12`, `NV21`).
public protocol SemiPlanarYUV: LumaPlane {}

/// Formats whose first plane holds one byte of luma per pixel: the planar and semi-planar YUV families and
/// `GRAY8`.
public protocol LumaPlane: PixelFormat {}

/// Packed 4:2:2 YUV, all components in one plane (`YUY2`, `UYVY`).
public protocol PackedYUV: PixelFormat {}

/// Packed RGB with 3 or 4 bytes per pixel in one plane (`RGBA`, `BGRA`, `RGBx`, `BGRx`, `RGB`, `BGR`).
public protocol PackedRGB: PixelFormat {}
