import ParallaxCore

/// What `videobox` does to each frame, fixed when caps are set: fill the output with the border colour where
/// a border is added, then copy the kept rectangle of the input to its place.
///
/// ```
/// left=-2 top=1 (input 4×3 → output 6×2):   B B p p p p      B: border, p: input rows 1…2
///                                           B B p p p p
/// ```
/// 4:2:0 chroma samples only partly covered by the picture (odd offsets or sizes) are the mean of the covered
/// pixels' chroma and the border's, weighted by pixel count. Thread: the caller's (videobox's streaming thread).
struct VideoBoxPainter: Sendable {
    var input: VideoInfo
    var output: VideoInfo
    /// The kept rectangle: its size, its corner in the input and in the output.
    var width: Int, height: Int
    var sourceX: Int, sourceY: Int, destinationX: Int, destinationY: Int
    var fills: Bool
    /// Border colour: Y, U, V (or R, G, B), and alpha.
    var colour: (Int, Int, Int)
    var borderAlpha: Int
    var alpha: Int

    static let sdY = [16, 145, 41, 81, 210, 235], sdU = [128, 54, 240, 90, 16, 128],
        sdV = [128, 34, 110, 240, 146, 128]
    static let hdY = [16, 173, 32, 63, 219, 235], hdU = [128, 42, 240, 102, 16, 128],
        hdV = [128, 26, 118, 240, 138, 128]
    static let red = [0, 0, 0, 255, 255, 255], green = [0, 255, 0, 0, 255, 255], blue = [0, 0, 255, 0, 0, 255]

    init(
        input: VideoInfo, output: VideoInfo, top: Int, bottom: Int, left: Int, right: Int, fill: VideoBox.Fill,
        bt601: Bool, alpha: Int, borderAlpha: Int
    ) {
        self.input = input
        self.output = output
        width = input.width - max(left, 0) - max(right, 0)
        height = input.height - max(top, 0) - max(bottom, 0)
        sourceX = max(left, 0)
        sourceY = max(top, 0)
        destinationX = max(-left, 0)
        destinationY = max(-top, 0)
        fills = top < 0 || bottom < 0 || left < 0 || right < 0 || width <= 0 || height <= 0
        let f = fill.rawValue
        if !input.format.isYUV && input.format != .gray8 {
            colour = (Self.red[f], Self.green[f], Self.blue[f])
        } else if bt601 || input.format == .gray8 {
            colour = (Self.sdY[f], Self.sdU[f], Self.sdV[f])
        } else {
            colour = (Self.hdY[f], Self.hdU[f], Self.hdV[f])
        }
        self.alpha = alpha
        self.borderAlpha = borderAlpha
    }

    func paint(_ source: UnsafePointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) {
        if fills { fillBorder(destination) }
        guard width > 0, height > 0 else { return }
        switch output.format {
        case .i420_10le: return  // not in the template: 8-bit formats only
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8, .y444:
            copyPlanes(source, destination)
            if output.format == .rgba || output.format == .bgra { scaleAlpha(destination) }
        case .yuy2, .uyvy:
            // Whole macropixels, from the pair that holds each corner (GStreamer rounds both down to even).
            let sx = sourceX & ~1, dx = destinationX & ~1, w = width + width % 2
            let bytes = min(2 * w, output.strides[0] - 2 * dx, input.strides[0] - 2 * sx)
            for row in 0..<height {
                (destination + (destinationY + row) * output.strides[0] + 2 * dx)
                    .update(from: source + (sourceY + row) * input.strides[0] + 2 * sx, count: bytes)
            }
        case .i420, .yv12:
            copyPlanes(source, destination, planes: 1)
            copyChroma420(source, destination)
        case .nv12, .nv21:
            return
        }
    }

    /// The kept rectangle of the first `planes` planes at full resolution (every plane of RGB, GRAY8, Y444).
    private func copyPlanes(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>, planes: Int = 3)
    {
        let e = output.format.pixelStride
        for plane in 0..<min(planes, output.strides.count) {
            let ss = input.strides[plane], ds = output.strides[plane]
            for row in 0..<height {
                (destination + output.offsets[plane] + (destinationY + row) * ds + destinationX * e)
                    .update(from: source + input.offsets[plane] + (sourceY + row) * ss + sourceX * e, count: width * e)
            }
        }
    }

    /// Alpha of the copied pixels: `a·alpha >> 8`.
    private func scaleAlpha(_ destination: UnsafeMutablePointer<UInt8>) {
        for row in 0..<height {
            let line = destination + (destinationY + row) * output.strides[0] + destinationX * 4 + 3
            for x in 0..<width { line[4 * x] = UInt8((Int(line[4 * x]) * alpha) >> 8) }
        }
    }

    /// 4:2:0 chroma: each output sample covering at least one picture pixel is the mean over its 2×2 block
    /// (clipped to the frame) of the covered pixels' source chroma and the border colour elsewhere.
    private func copyChroma420(_ source: UnsafePointer<UInt8>, _ destination: UnsafeMutablePointer<UInt8>) {
        let (uPlane, vPlane) = output.format == .yv12 ? (2, 1) : (1, 2)
        for (plane, background) in [(uPlane, colour.1), (vPlane, colour.2)] {
            let ss = input.strides[plane], ds = output.strides[plane]
            let src = source + input.offsets[plane], dst = destination + output.offsets[plane]
            for cy in (destinationY / 2)...((destinationY + height - 1) / 2) {
                for cx in (destinationX / 2)...((destinationX + width - 1) / 2) {
                    var sum = 0, count = 0
                    for py in (2 * cy)..<min(2 * cy + 2, output.height) {
                        for px in (2 * cx)..<min(2 * cx + 2, output.width) {
                            count += 1
                            let ix = px - destinationX + sourceX, iy = py - destinationY + sourceY
                            if px >= destinationX, px < destinationX + width, py >= destinationY,
                                py < destinationY + height
                            {
                                sum += Int(src[(iy / 2) * ss + ix / 2])
                            } else {
                                sum += fills ? background : Int(dst[cy * ds + cx])
                            }
                        }
                    }
                    dst[cy * ds + cx] = UInt8(sum / max(count, 1))
                }
            }
        }
    }

    /// Paints the whole output in the border colour.
    private func fillBorder(_ destination: UnsafeMutablePointer<UInt8>) {
        let w = output.width, h = output.height, s0 = output.strides[0]
        let (c0, c1, c2) = colour
        switch output.format {
        case .i420_10le: return  // not in the template: 8-bit formats only
        case .rgba, .bgra, .rgbx, .bgrx:
            let bgr = output.format == .bgra || output.format == .bgrx
            let a = output.format == .rgba || output.format == .bgra ? borderAlpha : 0
            let pixel: SIMD4<UInt8> =
                bgr
                ? SIMD4(UInt8(c2), UInt8(c1), UInt8(c0), UInt8(a))
                : SIMD4(UInt8(c0), UInt8(c1), UInt8(c2), UInt8(a))
            for y in 0..<h {
                let row = UnsafeMutableRawPointer(destination + y * s0)
                for x in 0..<w { row.storeBytes(of: pixel, toByteOffset: 4 * x, as: SIMD4<UInt8>.self) }
            }
        case .rgb, .bgr:
            let (r, b) = output.format == .bgr ? (c2, c0) : (c0, c2)
            for y in 0..<h {
                let row = destination + y * s0
                for x in 0..<w {
                    row[3 * x] = UInt8(r)
                    row[3 * x + 1] = UInt8(c1)
                    row[3 * x + 2] = UInt8(b)
                }
            }
        case .gray8:
            for y in 0..<h { (destination + y * s0).update(repeating: UInt8(c0), count: w) }
        case .yuy2, .uyvy:
            let (yo, uo, vo) = VideoPlane.packedOffsets(output.format)
            for y in 0..<h {
                let row = destination + y * s0
                for x in 0..<((w + 1) / 2) {
                    row[4 * x + yo] = UInt8(c0)
                    row[4 * x + yo + 2] = UInt8(c0)
                    row[4 * x + uo] = UInt8(c1)
                    row[4 * x + vo] = UInt8(c2)
                }
            }
        case .y444, .i420, .yv12:
            let chroma = output.format == .y444 ? (w, h) : ((w + 1) / 2, (h + 1) / 2)
            let (uPlane, vPlane) = output.format == .yv12 ? (2, 1) : (1, 2)
            for (plane, value, size) in [(0, c0, (w, h)), (uPlane, c1, chroma), (vPlane, c2, chroma)] {
                for y in 0..<size.1 {
                    (destination + output.offsets[plane] + y * output.strides[plane]).update(
                        repeating: UInt8(value), count: size.0)
                }
            }
        case .nv12, .nv21:
            return
        }
    }
}
