/// A raw video frame whose pixel format is known at compile time, with accessors that only exist for the
/// formats they make sense for: `rgb(x:y:)` for `PackedRGB`, `luma(x:y:)` and `chroma(x:y:)` for the YUV
/// families and GRAY8.
///
/// ```swift
/// if let frame = RawVideoFrame<I420>(videoFrame) {
///     let y = frame.luma(x: 10, y: 20)
///     let (u, v) = frame.chroma(x: 10, y: 20)     // chroma of the 2×2 block holding (10, 20)
/// }
/// if let frame = RawVideoFrame<BGRA>(videoFrame) {
///     let (r, g, b) = frame.rgb(x: 0, y: 0)       // in R, G, B order whatever the memory order
/// }
/// ```
/// `x` and `y` are pixel coordinates of the full-size picture. Reading does not copy the buffer.
/// A value type; use it from any thread.
public struct RawVideoFrame<Format: PixelFormat>: Sendable {
    /// The frame, untyped: planes, strides, bytes.
    public let frame: VideoFrame

    /// `frame` typed as `Format`; nil when its format is another one.
    public init?(_ frame: VideoFrame) {
        guard let format = Format.format, frame.info.format == format else { return nil }
        self.frame = frame
    }

    /// The picture's width in pixels.
    public var width: Int { frame.info.width }
    /// The picture's height in pixels.
    public var height: Int { frame.info.height }
    /// Bytes per row of each plane.
    public var strides: [Int] { frame.strides }
    /// The number of planes.
    public var planeCount: Int { frame.planeCount }

    /// The byte at column `byte` of row `row` of `plane`.
    func byte(_ byte: Int, row: Int, plane: Int = 0) -> UInt8 { frame.pixel(x: byte, y: row, plane: plane) }

    /// Checks that (x, y) is inside the picture.
    func check(_ x: Int, _ y: Int) {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "(\(x), \(y)) is outside \(width)×\(height)")
    }
}

extension RawVideoFrame where Format: PackedRGB {
    /// The red, green and blue of the pixel at (x, y), whatever order the format stores them in.
    public func rgb(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        check(x, y)
        let format = frame.info.format
        let base = x * format.pixelStride
        let redFirst = format == .rgba || format == .rgbx || format == .rgb
        let (red, blue) = redFirst ? (base, base + 2) : (base + 2, base)
        return (byte(red, row: y), byte(base + 1, row: y), byte(blue, row: y))
    }

    /// The alpha of the pixel at (x, y) for RGBA and BGRA; nil for formats without alpha (RGBx, RGB, …).
    public func alpha(x: Int, y: Int) -> UInt8? {
        check(x, y)
        let format = frame.info.format
        guard format == .rgba || format == .bgra else { return nil }
        return byte(x * 4 + 3, row: y)
    }
}

extension RawVideoFrame where Format: LumaPlane {
    /// The luma (Y, or the grey level for GRAY8) of the pixel at (x, y).
    public func luma(x: Int, y: Int) -> UInt8 {
        check(x, y)
        return byte(x, row: y)
    }
}

extension RawVideoFrame where Format: PlanarYUV {
    /// The chroma (U, V) of the pixel at (x, y): from the subsampled planes of 4:2:0 formats (YV12 stores V
    /// before U), at full size for Y444.
    public func chroma(x: Int, y: Int) -> (u: UInt8, v: UInt8) {
        check(x, y)
        let format = frame.info.format
        let (cx, cy) = format == .y444 ? (x, y) : (x / 2, y / 2)
        let (uPlane, vPlane) = format == .yv12 ? (2, 1) : (1, 2)
        return (byte(cx, row: cy, plane: uPlane), byte(cx, row: cy, plane: vPlane))
    }
}

extension RawVideoFrame where Format: SemiPlanarYUV {
    /// The chroma (U, V) of the 2×2 block holding (x, y), from the interleaved plane (UV for NV12, VU for NV21).
    public func chroma(x: Int, y: Int) -> (u: UInt8, v: UInt8) {
        check(x, y)
        let first = byte(x / 2 * 2, row: y / 2, plane: 1)
        let second = byte(x / 2 * 2 + 1, row: y / 2, plane: 1)
        return frame.info.format == .nv21 ? (second, first) : (first, second)
    }
}
