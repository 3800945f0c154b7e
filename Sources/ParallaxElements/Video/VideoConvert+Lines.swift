import ParallaxCore

/// Reading rows of a frame into lines of `A c0 c1 c2` pixels and writing lines back, for every `VideoFormat`.
///
/// Lines hold RGB formats as `A R G B`, YUV formats as `A Y U V` and GRAY8 as `255 Y 128 128` (GStreamer's
/// ARGB/AYUV unpack formats). Subsampled chroma is repeated when unpacking (nearest sample) and averaged
/// when packing: pixel pairs, and for 4:2:0 row pairs, rounding half up.
/// Thread: pure functions over memory the caller owns.
enum VideoConvertLines {
    /// Unpacks row `y` of the frame at `frame` (described by `info`) into `line` (`4 × width` bytes).
    static func unpack(_ info: VideoInfo, _ frame: UnsafeRawPointer, row y: Int, into line: UnsafeMutablePointer<UInt8>) {
        let w = info.width
        let s = info.strides, o = info.offsets
        let src = (frame + o[0] + y * s[0]).assumingMemoryBound(to: UInt8.self)
        func rgb(_ r: Int, _ g: Int, _ b: Int, alpha: Int?, stride: Int) {
            for x in 0..<w {
                let p = src + stride * x, d = line + 4 * x
                d[0] = alpha.map { p[$0] } ?? 255
                d[1] = p[r]
                d[2] = p[g]
                d[3] = p[b]
            }
        }
        func planar(_ uPlane: Int, _ vPlane: Int, chromaRow: Int, shift: Int) {
            let u = (frame + o[uPlane] + chromaRow * s[uPlane]).assumingMemoryBound(to: UInt8.self)
            let v = (frame + o[vPlane] + chromaRow * s[vPlane]).assumingMemoryBound(to: UInt8.self)
            for x in 0..<w {
                let d = line + 4 * x
                d[0] = 255
                d[1] = src[x]
                d[2] = u[x >> shift]
                d[3] = v[x >> shift]
            }
        }
        func semiPlanar(uFirst: Bool) {
            let c = (frame + o[1] + (y / 2) * s[1]).assumingMemoryBound(to: UInt8.self)
            let (ui, vi) = uFirst ? (0, 1) : (1, 0)
            for x in 0..<w {
                let d = line + 4 * x
                d[0] = 255
                d[1] = src[x]
                d[2] = c[2 * (x / 2) + ui]
                d[3] = c[2 * (x / 2) + vi]
            }
        }
        func packed422(y0: Int, u: Int, y1: Int, v: Int) {
            for x in 0..<w {
                let p = src + 4 * (x / 2), d = line + 4 * x
                d[0] = 255
                d[1] = p[x & 1 == 0 ? y0 : y1]
                d[2] = p[u]
                d[3] = p[v]
            }
        }
        switch info.format {
        case .i420_10le: break  // not in the template: 8-bit formats only
        case .rgba: rgb(0, 1, 2, alpha: 3, stride: 4)
        case .bgra: rgb(2, 1, 0, alpha: 3, stride: 4)
        case .rgbx: rgb(0, 1, 2, alpha: nil, stride: 4)
        case .bgrx: rgb(2, 1, 0, alpha: nil, stride: 4)
        case .rgb: rgb(0, 1, 2, alpha: nil, stride: 3)
        case .bgr: rgb(2, 1, 0, alpha: nil, stride: 3)
        case .gray8:
            for x in 0..<w {
                let d = line + 4 * x
                d[0] = 255
                d[1] = src[x]
                d[2] = 128
                d[3] = 128
            }
        case .i420: planar(1, 2, chromaRow: y / 2, shift: 1)
        case .yv12: planar(2, 1, chromaRow: y / 2, shift: 1)
        case .y444: planar(1, 2, chromaRow: y, shift: 0)
        case .nv12: semiPlanar(uFirst: true)
        case .nv21: semiPlanar(uFirst: false)
        case .yuy2: packed422(y0: 0, u: 1, y1: 2, v: 3)
        case .uyvy: packed422(y0: 1, u: 0, y1: 3, v: 2)
        }
    }

    /// Packs `line` into row `y` of the frame at `frame`. For 4:2:0 formats, `pair` is the other row of the
    /// row pair (the same line for the last row of an odd height), and chroma is written only for even rows.
    ///
    /// Chroma is subsampled by averaging pairs (`(a + b + 1) >> 1`), as GStreamer's YUV → YUV fast paths and its
    /// general path up to 576 lines do; with `cosited` (the general path, through a matrix, above 576 lines) it
    /// is co-sited horizontally (`VideoChromaSiting.cosited`) after the row pair is averaged.
    static func pack(
        _ info: VideoInfo, _ frame: UnsafeMutableRawPointer, row y: Int, from line: UnsafePointer<UInt8>,
        pair: UnsafePointer<UInt8>, cosited: Bool = false
    ) {
        let w = info.width
        let s = info.strides, o = info.offsets
        let dst = (frame + o[0] + y * s[0]).assumingMemoryBound(to: UInt8.self)
        func rgb(_ r: Int, _ g: Int, _ b: Int, alpha: Bool, stride: Int) {
            for x in 0..<w {
                let p = line + 4 * x, d = dst + stride * x
                d[r] = p[1]
                d[g] = p[2]
                d[b] = p[3]
                if stride == 4 { d[3] = alpha ? p[0] : 255 }
            }
        }
        /// The chroma of pixels `x` and `x + 1` (if any) of both rows, averaged: (U, V).
        func chroma420(_ x: Int) -> (UInt8, UInt8) {
            if cosited {
                func sample(_ c: Int) -> (Int) -> Int { { (Int(line[4 * $0 + c]) + Int(pair[4 * $0 + c]) + 1) >> 1 } }
                return (VideoChromaSiting.cosited(x, width: w, sample(2)), VideoChromaSiting.cosited(x, width: w, sample(3)))
            }
            let x1 = Swift.min(x + 1, w - 1)
            func average(_ c: Int) -> UInt8 {
                let top = (Int(line[4 * x + c]) + Int(line[4 * x1 + c]) + 1) >> 1
                let bottom = (Int(pair[4 * x + c]) + Int(pair[4 * x1 + c]) + 1) >> 1
                return UInt8((top + bottom + 1) >> 1)
            }
            return (average(2), average(3))
        }
        func luma() {
            for x in 0..<w { dst[x] = line[4 * x + 1] }
        }
        func planar(_ uPlane: Int, _ vPlane: Int) {
            luma()
            guard y % 2 == 0 else { return }
            let u = (frame + o[uPlane] + (y / 2) * s[uPlane]).assumingMemoryBound(to: UInt8.self)
            let v = (frame + o[vPlane] + (y / 2) * s[vPlane]).assumingMemoryBound(to: UInt8.self)
            for x in stride(from: 0, to: w, by: 2) {
                (u[x / 2], v[x / 2]) = chroma420(x)
            }
        }
        func semiPlanar(uFirst: Bool) {
            luma()
            guard y % 2 == 0 else { return }
            let c = (frame + o[1] + (y / 2) * s[1]).assumingMemoryBound(to: UInt8.self)
            for x in stride(from: 0, to: w, by: 2) {
                let (u, v) = chroma420(x)
                c[x] = uFirst ? u : v
                c[x + 1] = uFirst ? v : u
            }
        }
        func packed422(y0: Int, u: Int, y1: Int, v: Int) {
            for x in stride(from: 0, to: w, by: 2) {
                let x1 = Swift.min(x + 1, w - 1)
                let d = dst + 2 * x
                d[y0] = line[4 * x + 1]
                d[y1] = line[4 * x1 + 1]
                if cosited {
                    d[u] = VideoChromaSiting.cosited(x, width: w) { Int(line[4 * $0 + 2]) }
                    d[v] = VideoChromaSiting.cosited(x, width: w) { Int(line[4 * $0 + 3]) }
                } else {
                    d[u] = UInt8((Int(line[4 * x + 2]) + Int(line[4 * x1 + 2]) + 1) >> 1)
                    d[v] = UInt8((Int(line[4 * x + 3]) + Int(line[4 * x1 + 3]) + 1) >> 1)
                }
            }
        }
        switch info.format {
        case .i420_10le: break  // not in the template: 8-bit formats only
        case .rgba: rgb(0, 1, 2, alpha: true, stride: 4)
        case .bgra: rgb(2, 1, 0, alpha: true, stride: 4)
        case .rgbx: rgb(0, 1, 2, alpha: false, stride: 4)
        case .bgrx: rgb(2, 1, 0, alpha: false, stride: 4)
        case .rgb: rgb(0, 1, 2, alpha: false, stride: 3)
        case .bgr: rgb(2, 1, 0, alpha: false, stride: 3)
        case .gray8: luma()
        case .i420: planar(1, 2)
        case .yv12: planar(2, 1)
        case .y444:
            let u = (frame + o[1] + y * s[1]).assumingMemoryBound(to: UInt8.self)
            let v = (frame + o[2] + y * s[2]).assumingMemoryBound(to: UInt8.self)
            for x in 0..<w {
                dst[x] = line[4 * x + 1]
                u[x] = line[4 * x + 2]
                v[x] = line[4 * x + 3]
            }
        case .nv12: semiPlanar(uFirst: true)
        case .nv21: semiPlanar(uFirst: false)
        case .yuy2: packed422(y0: 0, u: 1, y1: 2, v: 3)
        case .uyvy: packed422(y0: 1, u: 0, y1: 3, v: 2)
        }
    }

    /// Whether `unpackInterpolated` applies to `format`: subsampled chroma that GStreamer's general path
    /// interpolates when converting to RGB (its I420 fast path repeats samples instead).
    static func interpolatesChroma(_ format: VideoFormat) -> Bool {
        switch format {
        case .nv12, .nv21, .yuy2, .uyvy: true
        default: false
        }
    }

    /// Unpacks row `y` like `unpack`, but with chroma interpolated as GStreamer's general path does before a
    /// YUV → RGB matrix, at its default siting: horizontally centred up to 576 lines (`(3·c[k] + c[k∓1] + 2) >> 2`
    /// for the even/odd pixel of pair `k`) and co-sited above (`c[k]`, then `(c[k] + c[k+1] + 1) >> 1`); then
    /// (4:2:0) vertically centred between chroma rows. Edges repeat the last sample.
    static func unpackInterpolated(
        _ info: VideoInfo, _ frame: UnsafeRawPointer, row y: Int, into line: UnsafeMutablePointer<UInt8>
    ) {
        unpack(info, frame, row: y, into: line)
        let w = info.width, pairs = (w + 1) / 2
        let s = info.strides, o = info.offsets
        /// Chroma samples (U, V) of pair `k` in chroma row `row`.
        func sample(_ row: Int, _ k: Int) -> (Int, Int) {
            switch info.format {
            case .nv12, .nv21:
                let c = (frame + o[1] + row * s[1]).assumingMemoryBound(to: UInt8.self)
                let a = Int(c[2 * k]), b = Int(c[2 * k + 1])
                return info.format == .nv12 ? (a, b) : (b, a)
            default:
                let p = (frame + o[0] + row * s[0]).assumingMemoryBound(to: UInt8.self) + 4 * k
                return info.format == .yuy2 ? (Int(p[1]), Int(p[3])) : (Int(p[0]), Int(p[2]))
            }
        }
        /// Horizontally interpolated chroma of pixel `x` in chroma row `row`.
        let cosited = info.height > 576
        func horizontal(_ row: Int, _ x: Int) -> (Int, Int) {
            let k = x / 2
            if cosited {
                let (u0, v0) = sample(row, k)
                guard x % 2 == 1 else { return (u0, v0) }
                let (u1, v1) = sample(row, Swift.min(k + 1, pairs - 1))
                return ((u0 + u1 + 1) >> 1, (v0 + v1 + 1) >> 1)
            }
            let n = x % 2 == 0 ? Swift.max(k - 1, 0) : Swift.min(k + 1, pairs - 1)
            let (u0, v0) = sample(row, k), (u1, v1) = sample(row, n)
            return ((3 * u0 + u1 + 2) >> 2, (3 * v0 + v1 + 2) >> 2)
        }
        let vertical = info.format == .nv12 || info.format == .nv21
        let rows = (info.height + 1) / 2
        let j = vertical ? y / 2 : y
        let neighbour = y % 2 == 0 ? Swift.max(j - 1, 0) : Swift.min(j + 1, rows - 1)
        for x in 0..<w {
            var (u, v) = horizontal(j, x)
            if vertical {
                let (un, vn) = horizontal(neighbour, x)
                u = (3 * u + un + 2) >> 2
                v = (3 * v + vn + 2) >> 2
            }
            line[4 * x + 2] = UInt8(u)
            line[4 * x + 3] = UInt8(v)
        }
    }
}
