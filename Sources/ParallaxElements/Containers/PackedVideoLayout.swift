import ParallaxCore

/// The planes of one raw video frame twice over: as GStreamer lays it out in memory (rows padded to 4 bytes,
/// what `video/x-raw` buffers carry) and packed tight, row after row (what Y4M files and raw dumps hold).
///
/// ```
/// I420 62×2 in memory:  Y  [62 bytes + 2 pad] × 2   U [31 + 1 pad] × 1   V [31 + 1 pad] × 1   = 192 bytes
/// I420 62×2 packed:     Y  [62] × 2                  U [31] × 1           V [31] × 1           = 186 bytes
/// ```
/// Covers the 8-bit planar, semi-planar and packed formats the container elements handle, and `I420_10LE`
/// (Y4M's `C420p10`), named as GStreamer names them (`I420`, `Y42B`, `Y41B`, `Y444`, `GRAY8`, `RGBA`, …). Sizes are bounded like `VideoInfo`'s, so a
/// size read from a file cannot make a frame larger than 4 GiB. Thread: any (a value).
struct PackedVideoLayout: Sendable, Hashable {
    /// One plane: bytes of picture per row, rows, and where it sits in GStreamer's layout.
    struct Plane: Sendable, Hashable {
        /// Bytes of picture in one row (no padding).
        var rowBytes: Int
        /// Rows in the plane.
        var rows: Int
        /// Bytes from one row to the next in memory.
        var stride: Int
        /// Where the plane starts in memory.
        var offset: Int
    }

    /// The caps name of the format (`I420`).
    let format: String
    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// The planes, in memory order.
    let planes: [Plane]
    /// Bytes of one frame in GStreamer's layout.
    let size: Int

    /// Bytes of one frame packed tight.
    var packedSize: Int { planes.reduce(0) { $0 + $1.rowBytes * $1.rows } }

    /// Every format this layout knows, in the order `video/x-raw` templates list them.
    static let formats = [
        "I420", "YV12", "Y42B", "Y41B", "Y444", "NV12", "NV21", "YUY2", "UYVY", "RGBx", "BGRx", "RGBA", "BGRA",
        "RGB", "BGR", "GRAY8", "GRAY16_LE", "GRAY16_BE", "I420_10LE",
    ]

    /// The layout of a `width × height` frame of `format`; nil for an unknown format, a size below 1, or a
    /// frame of 4 GiB or more.
    init?(format: String, width: Int, height: Int) {
        guard width > 0, height > 0, Double(width) * Double(height) * 8 < Double(VideoInfo.maximumFrameSize) else {
            return nil
        }
        func up(_ value: Int, _ to: Int) -> Int { (value + to - 1) / to * to }
        let y = up(width, 4)
        let halfWidth = (width + 1) / 2, halfHeight = (height + 1) / 2
        var planes: [Plane]
        switch format {
        case "I420", "YV12":
            let c = up(halfWidth, 4), yRows = up(height, 2)
            planes = [
                Plane(rowBytes: width, rows: height, stride: y, offset: 0),
                Plane(rowBytes: halfWidth, rows: halfHeight, stride: c, offset: y * yRows),
                Plane(rowBytes: halfWidth, rows: halfHeight, stride: c, offset: y * yRows + c * halfHeight),
            ]
        case "I420_10LE":
            let y16 = up(width * 2, 4), c = up(halfWidth * 2, 4), yRows = up(height, 2)
            planes = [
                Plane(rowBytes: width * 2, rows: height, stride: y16, offset: 0),
                Plane(rowBytes: halfWidth * 2, rows: halfHeight, stride: c, offset: y16 * yRows),
                Plane(rowBytes: halfWidth * 2, rows: halfHeight, stride: c, offset: y16 * yRows + c * halfHeight),
            ]
        case "Y42B":
            let c = up(width, 8) / 2
            planes = [
                Plane(rowBytes: width, rows: height, stride: y, offset: 0),
                Plane(rowBytes: halfWidth, rows: height, stride: c, offset: y * height),
                Plane(rowBytes: halfWidth, rows: height, stride: c, offset: (y + c) * height),
            ]
        case "Y41B":
            let c = up(width, 16) / 4
            planes = [
                Plane(rowBytes: width, rows: height, stride: y, offset: 0),
                Plane(rowBytes: (width + 3) / 4, rows: height, stride: c, offset: y * height),
                Plane(rowBytes: (width + 3) / 4, rows: height, stride: c, offset: (y + c) * height),
            ]
        case "Y444":
            planes = (0..<3).map { Plane(rowBytes: width, rows: height, stride: y, offset: $0 * y * height) }
        case "NV12", "NV21":
            planes = [
                Plane(rowBytes: width, rows: height, stride: y, offset: 0),
                Plane(rowBytes: halfWidth * 2, rows: halfHeight, stride: y, offset: y * up(height, 2)),
            ]
        case "YUY2", "UYVY":
            planes = [Plane(rowBytes: halfWidth * 4, rows: height, stride: up(halfWidth * 4, 4), offset: 0)]
        case "RGBx", "BGRx", "RGBA", "BGRA":
            planes = [Plane(rowBytes: width * 4, rows: height, stride: width * 4, offset: 0)]
        case "RGB", "BGR":
            planes = [Plane(rowBytes: width * 3, rows: height, stride: up(width * 3, 4), offset: 0)]
        case "GRAY8":
            planes = [Plane(rowBytes: width, rows: height, stride: y, offset: 0)]
        case "GRAY16_LE", "GRAY16_BE":
            planes = [Plane(rowBytes: width * 2, rows: height, stride: up(width * 2, 4), offset: 0)]
        default:
            return nil
        }
        self.format = format
        self.width = width
        self.height = height
        self.planes = planes
        self.size = planes.map { $0.offset + $0.stride * $0.rows }.max() ?? 0
    }

    /// Copies a packed frame (`packedSize` bytes at `source`) into GStreamer's layout at `destination`
    /// (`size` bytes), zeroing the row padding.
    func unpack(_ source: UnsafeRawPointer, into destination: UnsafeMutableRawPointer) {
        if packedSize == size {
            destination.copyMemory(from: source, byteCount: size)
            return
        }
        destination.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        var from = source
        for plane in planes {
            for row in 0..<plane.rows {
                (destination + plane.offset + row * plane.stride).copyMemory(from: from, byteCount: plane.rowBytes)
                from += plane.rowBytes
            }
        }
    }

    /// Copies a frame in GStreamer's layout (`size` bytes at `source`) to `destination` packed tight
    /// (`packedSize` bytes).
    func pack(_ source: UnsafeRawPointer, into destination: UnsafeMutableRawPointer) {
        if packedSize == size {
            destination.copyMemory(from: source, byteCount: size)
            return
        }
        var to = destination
        for plane in planes {
            for row in 0..<plane.rows {
                to.copyMemory(from: source + plane.offset + row * plane.stride, byteCount: plane.rowBytes)
                to += plane.rowBytes
            }
        }
    }
}
