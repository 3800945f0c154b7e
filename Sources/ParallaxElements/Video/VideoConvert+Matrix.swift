import ParallaxCore

/// How the three components of a line pixel are to be read: R′G′B′, Y′CbCr (limited or full range), or
/// full-range grey.
enum VideoConvertModel: Sendable, Hashable {
    /// `R G B`, 0…255.
    case rgb
    /// Y′CbCr with BT.601 (`bt601 == true`) or BT.709 coefficients; limited range (Y 16…235, Cb/Cr 16…240)
    /// unless `fullRange` (Y 0…255, Cb/Cr 0…255 around 128, as JPEG).
    case yuv(bt601: Bool, fullRange: Bool)
    /// Full-range grey (GStreamer's GRAY8 colorimetry): `Y 128 128`, Y 0…255, BT.601 weights.
    case gray

    /// The model of `format` for a frame described by `info`; `colorimetry` is the caps field, if any.
    ///
    /// Colorimetry is GStreamer's: a name (`bt601`, `bt709`, `smpte170m`, `jpeg` — full-range BT.601) or
    /// `range:matrix:transfer:primaries` numbers (range 1 is full, 2 limited; matrix 1 RGB, 2 FCC, 3 BT.709,
    /// 4 BT.601, 5 SMPTE 240M). Without colorimetry in the caps, GStreamer's default applies: limited range,
    /// BT.601 for up to 576 lines and BT.709 above.
    init(format: VideoFormat, height: Int, colorimetry: String?) {
        if format == .gray8 {
            self = .gray
            return
        }
        guard format.isYUV else {
            self = .rgb
            return
        }
        var bt601 = height <= 576, fullRange = false
        if let colorimetry {
            let parts = colorimetry.split(separator: ":")
            if colorimetry == "bt601" || colorimetry == "smpte170m" {
                bt601 = true
            } else if colorimetry == "bt709" {
                bt601 = false
            } else if colorimetry == "jpeg" {
                bt601 = true
                fullRange = true
            } else if parts.count == 4 {
                if parts[0] == "1" { fullRange = true }
                if parts[1] == "4" || parts[1] == "2" { bt601 = true } else if parts[1] == "3" { bt601 = false }
            }
        }
        self = .yuv(bt601: bt601, fullRange: fullRange)
    }

    /// Kr and Kb of the Y′CbCr matrix.
    private var weights: (kr: Double, kb: Double) {
        switch self {
        case .yuv(bt601: false, _): (0.2126, 0.0722)
        default: (0.299, 0.114)
        }
    }

    /// Luma offset, luma scale and chroma scale of the 8-bit values: full range `(0, 255, 255)`, limited
    /// `(16, 219, 224)`.
    private var scale: (Double, Double, Double) {
        switch self {
        case .gray, .yuv(_, fullRange: true): (0, 255, 255)
        default: (16, 219, 224)
        }
    }

    /// 3×4 matrix (rows; column 3 is the offset) from this model's 8-bit values to normalized R′G′B′ (0…1).
    var toRGB: [[Double]] {
        switch self {
        case .rgb:
            return [[1 / 255, 0, 0, 0], [0, 1 / 255, 0, 0], [0, 0, 1 / 255, 0]]
        case .yuv, .gray:
            let (kr, kb) = weights
            let kg = 1 - kr - kb
            // Y′ = (Y − yo) / ys, Cb = (U − 128) / cs, Cr = (V − 128) / cs.
            let (yo, ys, cs) = scale
            let rv = 2 * (1 - kr), bu = 2 * (1 - kb)
            let gu = -bu * kb / kg, gv = -rv * kr / kg
            func row(_ u: Double, _ v: Double) -> [Double] {
                [1 / ys, u / cs, v / cs, -yo / ys - 128 * u / cs - 128 * v / cs]
            }
            return [row(0, rv), row(gu, gv), row(bu, 0)]
        }
    }

    /// 3×4 matrix from normalized R′G′B′ to this model's 8-bit values.
    var fromRGB: [[Double]] {
        switch self {
        case .rgb:
            return [[255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 255, 0]]
        case .yuv, .gray:
            let (kr, kb) = weights
            let kg = 1 - kr - kb
            let (yo, ys, cs) = scale
            let cb = [-kr / (2 * (1 - kb)), -kg / (2 * (1 - kb)), 0.5]
            let cr = [0.5, -kg / (2 * (1 - kr)), -kb / (2 * (1 - kr))]
            return [
                [kr * ys, kg * ys, kb * ys, yo],
                [cb[0] * cs, cb[1] * cs, cb[2] * cs, 128],
                [cr[0] * cs, cr[1] * cs, cr[2] * cs, 128],
            ]
        }
    }
}

/// An 8-bit colour matrix in GStreamer's fixed point (`video_orc_matrix8`): coefficients × 256 rounded to
/// integers, `out = ((a·c0 + b·c1 + c·c2) >> 8) + offset`, clamped to 0…255 — exactly GStreamer's result
/// from RGB input. From YUV or grey input the offset (× 256) is added before the shift, with rounding
/// (`(a·c0 + b·c1 + c·c2 + offset·256 + 128) >> 8`), which keeps grey → RGB exact (235 → 235 235 235).
struct VideoConvertMatrix: Sendable {
    /// Coefficient columns: `columns[j]` multiplies input component `j`; lane 3 is unused.
    var columns: (SIMD4<Int32>, SIMD4<Int32>, SIMD4<Int32>)
    /// Added before the shift.
    var bias: SIMD4<Int32>
    /// Added after the shift.
    var offsets: SIMD4<Int32>
    /// For limited-range YUV → RGB, GStreamer's `video_orc_convert_AYUV_ARGB` coefficients (×256):
    /// Y→R/G/B, V→R, U→B, U→G, V→G. See `applyYUVToRGB`.
    var yuvToRGB: (y: Int32, vr: Int32, ub: Int32, ug: Int32, vg: Int32)?

    /// The matrix taking `input` values to `output` values, or nil when no conversion is needed.
    init?(from input: VideoConvertModel, to output: VideoConvertModel) {
        if input == output { return nil }
        let a = output.fromRGB, b = input.toRGB
        // m = a × [b; 0 0 0 1]
        var m = [[Double]](repeating: [0, 0, 0, 0], count: 3)
        for i in 0..<3 {
            for j in 0..<4 {
                var sum = j == 3 ? a[i][3] : 0
                for k in 0..<3 { sum += a[i][k] * b[k][j] }
                m[i][j] = sum
            }
        }
        func coefficient(_ x: Double) -> Int32 { Int32((x * 256).rounded(.toNearestOrEven)) }
        func column(_ j: Int) -> SIMD4<Int32> {
            SIMD4(coefficient(m[0][j]), coefficient(m[1][j]), coefficient(m[2][j]), 0)
        }
        columns = (column(0), column(1), column(2))
        let o = column(3)
        if case .yuv = input, output == .rgb {
            yuvToRGB = (coefficient(m[0][0]), coefficient(m[0][2]), coefficient(m[2][1]), coefficient(m[1][1]),
                        coefficient(m[1][2]))
        }
        if input == .rgb {
            // GStreamer keeps the offset as `rint(offset × 256) >> 8`.
            bias = .zero
            offsets = SIMD4(o[0] >> 8, o[1] >> 8, o[2] >> 8, 0)
        } else {
            bias = o &+ SIMD4(128, 128, 128, 0)
            offsets = .zero
        }
    }

    /// Converts `count` line pixels (`A c0 c1 c2` bytes) in place, eight pixels at a time: the components of
    /// eight pixels are gathered into `SIMD8<Int32>` lanes, multiplied, shifted, clamped and stored back.
    func apply(to line: UnsafeMutablePointer<UInt8>, count: Int) {
        if let yuvToRGB {
            Self.applyYUVToRGB(yuvToRGB, to: line, count: count)
            return
        }
        let (k0, k1, k2) = columns
        // Lane-wide copies of each coefficient, so the loop body is plain vector arithmetic.
        let a0 = SIMD8(repeating: k0[0]), a1 = SIMD8(repeating: k1[0]), a2 = SIMD8(repeating: k2[0])
        let b0 = SIMD8(repeating: k0[1]), b1 = SIMD8(repeating: k1[1]), b2 = SIMD8(repeating: k2[1])
        let d0 = SIMD8(repeating: k0[2]), d1 = SIMD8(repeating: k1[2]), d2 = SIMD8(repeating: k2[2])
        let biasA = SIMD8(repeating: bias[0]), biasB = SIMD8(repeating: bias[1]), biasD = SIMD8(repeating: bias[2])
        let offA = SIMD8(repeating: offsets[0]), offB = SIMD8(repeating: offsets[1]), offD = SIMD8(repeating: offsets[2])
        var x = 0
        while x < count {
            let n = Swift.min(8, count - x)
            let (c0, c1, c2) = Self.gather(line + 4 * x, n)
            let r0 = ((c0 &* a0 &+ c1 &* a1 &+ c2 &* a2 &+ biasA) &>> 8) &+ offA
            let r1 = ((c0 &* b0 &+ c1 &* b1 &+ c2 &* b2 &+ biasB) &>> 8) &+ offB
            let r2 = ((c0 &* d0 &+ c1 &* d1 &+ c2 &* d2 &+ biasD) &>> 8) &+ offD
            Self.scatter(Self.clampByte(r0), Self.clampByte(r1), Self.clampByte(r2), to: line + 4 * x, n)
            x += n
        }
    }

    /// Components 1, 2 and 3 of `n` (at most 8) line pixels at `p`, as lanes.
    @inline(__always)
    static func gather(_ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>) {
        if n == 8 {
            // Little-endian words `A | c0 << 8 | c1 << 16 | c2 << 24`.
            let words = SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD8<UInt32>.self))
            let mask = SIMD8<Int32>(repeating: 0xFF)
            return ((words &>> 8) & mask, (words &>> 16) & mask, (words &>> 24) & mask)
        }
        var c0 = SIMD8<Int32>.zero, c1 = SIMD8<Int32>.zero, c2 = SIMD8<Int32>.zero
        for i in 0..<n {
            c0[i] = Int32(p[4 * i + 1])
            c1[i] = Int32(p[4 * i + 2])
            c2[i] = Int32(p[4 * i + 3])
        }
        return (c0, c1, c2)
    }

    /// Stores lanes as components 1, 2 and 3 of `n` line pixels at `p` (component 0, alpha, is kept).
    @inline(__always)
    static func scatter(_ c0: SIMD8<Int32>, _ c1: SIMD8<Int32>, _ c2: SIMD8<Int32>, to p: UnsafeMutablePointer<UInt8>, _ n: Int) {
        if n == 8 {
            let raw = UnsafeMutableRawPointer(p)
            let alpha = raw.loadUnaligned(as: SIMD8<UInt32>.self) & SIMD8(repeating: 0xFF)
            let words = alpha | SIMD8<UInt32>(truncatingIfNeeded: c0 &<< 8 | c1 &<< 16 | c2 &<< 24)
            raw.storeBytes(of: words, as: SIMD8<UInt32>.self)
            return
        }
        for i in 0..<n {
            p[4 * i + 1] = UInt8(truncatingIfNeeded: c0[i])
            p[4 * i + 2] = UInt8(truncatingIfNeeded: c1[i])
            p[4 * i + 3] = UInt8(truncatingIfNeeded: c2[i])
        }
    }

    /// `v` clamped to 0…255.
    @inline(__always)
    static func clampByte(_ v: SIMD8<Int32>) -> SIMD8<Int32> {
        pointwiseMin(pointwiseMax(v, .zero), SIMD8(repeating: 255))
    }

    /// GStreamer's 8-bit Y′CbCr → R′G′B′ (`video_orc_convert_AYUV_ARGB`, also its I420 fast path), for
    /// results within one level of GStreamer's: every component is taken as `c − 128` (Y′ too, so GStreamer's
    /// white 235 becomes 253, not 255), spread over 16 bits as `(c << 8) | c`, multiplied by the coefficient
    /// keeping the high 16 bits (`mulhsw`), summed, saturated to −128…127 and moved back by 128.
    static func applyYUVToRGB(
        _ k: (y: Int32, vr: Int32, ub: Int32, ug: Int32, vg: Int32), to line: UnsafeMutablePointer<UInt8>,
        count: Int
    ) {
        @inline(__always) func spread(_ c: SIMD8<Int32>) -> SIMD8<Int32> {
            // (c − 128) as a byte, repeated in both bytes of a 16-bit word, read as signed.
            let b = (c &- 128) & 0xFF
            return (b &<< 24 | b &<< 16) &>> 16
        }
        let low = SIMD8<Int32>(repeating: -128), high = SIMD8<Int32>(repeating: 127)
        @inline(__always) func saturate(_ v: SIMD8<Int32>) -> SIMD8<Int32> {
            pointwiseMin(pointwiseMax(v, low), high) &+ 128
        }
        var x = 0
        while x < count {
            let n = Swift.min(8, count - x)
            let (c0, c1, c2) = gather(line + 4 * x, n)
            let y = spread(c0), u = spread(c1), v = spread(c2)
            let wy = (y &* k.y) &>> 16
            let r = saturate(wy &+ ((v &* k.vr) &>> 16))
            let g = saturate(wy &+ ((u &* k.ug) &>> 16) &+ ((v &* k.vg) &>> 16))
            let b = saturate(wy &+ ((u &* k.ub) &>> 16))
            scatter(r, g, b, to: line + 4 * x, n)
            x += n
        }
    }
}
