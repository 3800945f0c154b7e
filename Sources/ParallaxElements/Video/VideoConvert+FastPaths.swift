import ParallaxCore

extension VideoConvert {
    /// Whether `convertPlanar420ToRGB32` handles this pair: I420/YV12 into a 4-byte RGB format, through
    /// GStreamer's YUV → RGB arithmetic.
    static func hasFastPath(_ input: VideoFormat, _ output: VideoFormat, matrix: VideoConvertMatrix?) -> Bool {
        guard let k = matrix?.yuvToRGB, [k.y, k.vr, k.ub, k.ug, k.vg].allSatisfy({ $0.magnitude <= 0x7FFF })
        else { return false }
        return (input == .i420 || input == .yv12) && [.rgba, .bgra, .rgbx, .bgrx].contains(output)
    }

    /// I420/YV12 → RGBA, BGRA, RGBx or BGRx straight from the planes, eight pixels at a time: the same values
    /// as the line path (`VideoConvertMatrix.applyYUVToRGB`, chroma repeated as GStreamer's fast path does)
    /// without unpacking into lines. Rows of these outputs have no padding, so nothing is cleared first.
    static func convertPlanar420ToRGB32(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer,
        _ k: (y: Int32, vr: Int32, ub: Int32, ug: Int32, vg: Int32)
    ) {
        let (uPlane, vPlane) = inInfo.format == .i420 ? (1, 2) : (2, 1)
        // Whether R is the first byte of the output pixel (else B is); the fourth byte is alpha (255).
        let redFirst = outInfo.format == .rgba || outInfo.format == .rgbx
        let low = SIMD8<Int16>(repeating: -128), high = SIMD8<Int16>(repeating: 127)
        /// `(c − 128)` as a byte, repeated in both bytes of a 16-bit word, read as signed: bytes are
        /// duplicated by a shuffle and sign-extended, so the compiler sees 16-bit values it can multiply
        /// with `pmaddwd`.
        @inline(__always) func spread(_ c: SIMD8<UInt8>) -> SIMD8<Int32> {
            let d = SIMD16<UInt8>(c[0], c[0], c[1], c[1], c[2], c[2], c[3], c[3],
                                  c[4], c[4], c[5], c[5], c[6], c[6], c[7], c[7]) ^ 0x80
            return SIMD8<Int32>(truncatingIfNeeded: unsafeBitCast(d, to: SIMD8<Int16>.self))
        }
        /// A coefficient as its magnitude (at most 15 bits, `hasFastPath`) and a mask negating the product.
        func coefficient(_ k: Int32) -> (SIMD8<Int32>, SIMD8<Int32>) {
            (SIMD8(repeating: Int32(truncatingIfNeeded: k.magnitude) & 0x7FFF), SIMD8(repeating: k < 0 ? -1 : 0))
        }
        /// The high 16 bits of `s · k` (`mulhsw`), `s` spread.
        @inline(__always) func high16(_ s: SIMD8<Int32>, _ k: (SIMD8<Int32>, SIMD8<Int32>)) -> SIMD8<Int32> {
            (((s &* k.0) ^ k.1) &- k.1) &>> 16
        }
        let ky = coefficient(k.y), kvr = coefficient(k.vr), kug = coefficient(k.ug), kvg = coefficient(k.vg),
            kub = coefficient(k.ub)
        /// `v` (small: a few hundred at most) saturated to −128…127 in 16-bit lanes, moved up by 128.
        @inline(__always) func saturate(_ v: SIMD8<Int32>) -> SIMD8<UInt16> {
            let n = SIMD8<Int16>(truncatingIfNeeded: v)
            return SIMD8<UInt16>(truncatingIfNeeded: pointwiseMin(pointwiseMax(n, low), high) &+ 128)
        }
        /// Lanes 0…3 (`upper` false) or 4…7 of `c`, each twice.
        @inline(__always) func doubled(_ c: SIMD8<Int32>, upper: Bool) -> SIMD8<Int32> {
            upper ? SIMD8(c[4], c[4], c[5], c[5], c[6], c[6], c[7], c[7])
                : SIMD8(c[0], c[0], c[1], c[1], c[2], c[2], c[3], c[3])
        }
        /// The chroma terms of eight chroma samples: R, G and B offsets.
        @inline(__always) func chroma(
            _ u: SIMD8<UInt8>, _ v: SIMD8<UInt8>
        ) -> (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>) {
            let su = spread(u), sv = spread(v)
            return (high16(sv, kvr), high16(su, kug) &+ high16(sv, kvg), high16(su, kub))
        }
        /// Eight pixels from their luma and their chroma terms.
        @inline(__always) func words(_ y: SIMD8<UInt8>, _ r: SIMD8<Int32>, _ g: SIMD8<Int32>, _ b: SIMD8<Int32>)
            -> SIMD8<UInt32>
        {
            let wy = high16(spread(y), ky)
            let red = saturate(wy &+ r), green = saturate(wy &+ g), blue = saturate(wy &+ b)
            // 16-bit halves of each pixel word: the first two bytes, then the third and alpha.
            let front = (redFirst ? red : blue) | green &<< 8, back = (redFirst ? blue : red) | 0xFF00
            return SIMD8<UInt32>(truncatingIfNeeded: front) | SIMD8<UInt32>(truncatingIfNeeded: back) &<< 16
        }
        let width = inInfo.width
        for row in 0..<inInfo.height {
            let ys = source + inInfo.offsets[0] + row * inInfo.strides[0]
            let us = source + inInfo.offsets[uPlane] + (row / 2) * inInfo.strides[uPlane]
            let vs = source + inInfo.offsets[vPlane] + (row / 2) * inInfo.strides[vPlane]
            let out = destination + row * outInfo.strides[0]
            var x = 0
            // Sixteen pixels (eight chroma samples) per step.
            while x + 16 <= width {
                let (r, g, b) = chroma((us + x / 2).loadUnaligned(as: SIMD8<UInt8>.self),
                                       (vs + x / 2).loadUnaligned(as: SIMD8<UInt8>.self))
                let y0 = (ys + x).loadUnaligned(as: SIMD8<UInt8>.self)
                let y1 = (ys + x + 8).loadUnaligned(as: SIMD8<UInt8>.self)
                (out + 4 * x).storeBytes(
                    of: words(y0, doubled(r, upper: false), doubled(g, upper: false), doubled(b, upper: false)),
                    as: SIMD8<UInt32>.self)
                (out + 4 * x + 32).storeBytes(
                    of: words(y1, doubled(r, upper: true), doubled(g, upper: true), doubled(b, upper: true)),
                    as: SIMD8<UInt32>.self)
                x += 16
            }
            while x < width {
                // The last pixels of the row: gather into lanes, convert, store as many as there are.
                let n = Swift.min(8, width - x)
                var y = SIMD8<UInt8>.zero, u = SIMD8<UInt8>.zero, v = SIMD8<UInt8>.zero
                for i in 0..<n {
                    y[i] = ys.load(fromByteOffset: x + i, as: UInt8.self)
                    u[i] = us.load(fromByteOffset: (x + i) / 2, as: UInt8.self)
                    v[i] = vs.load(fromByteOffset: (x + i) / 2, as: UInt8.self)
                }
                let (r, g, b) = chroma(u, v)
                let tail = words(y, r, g, b)
                for i in 0..<n { (out + 4 * (x + i)).storeBytes(of: tail[i], as: UInt32.self) }
                x += n
            }
        }
    }

    /// Whether `convertRGB32ToPlanar420` handles this pair: a 4-byte RGB format into I420/YV12.
    static func hasEncodeFastPath(_ input: VideoFormat, _ output: VideoFormat, matrix: VideoConvertMatrix?) -> Bool {
        guard let matrix, matrix.yuvToRGB == nil, matrix.bias == .zero else { return false }
        let (k0, k1, k2) = matrix.columns
        // Coefficients within ±1 (×256) keep every intermediate result within 16 bits.
        let fits = [k0, k1, k2].allSatisfy { column in (0..<3).allSatisfy { (-256...256).contains(column[$0]) } }
        guard fits else { return false }
        return [.rgba, .bgra, .rgbx, .bgrx].contains(input) && (output == .i420 || output == .yv12)
    }

    /// RGBA, BGRA, RGBx or BGRx → I420/YV12 two rows at a time, eight pixels per step: the line path's values
    /// (GStreamer's `video_orc_matrix8` per pixel, then chroma averaged over pixel pairs and row pairs,
    /// rounding half up) without unpacking into lines. Padding bytes, if any, are cleared first, as the line path
    /// does.
    static func convertRGB32ToPlanar420(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer,
        _ matrix: VideoConvertMatrix
    ) {
        // Without padding (even height, rows exactly as long as their samples) every byte is written below.
        let (w, h) = (outInfo.width, outInfo.height)
        let unpadded = h % 2 == 0 && outInfo.strides == [w, (w + 1) / 2, (w + 1) / 2]
            && outInfo.size == w * h + 2 * ((w + 1) / 2) * (h / 2)
        if !unpadded { destination.initializeMemory(as: UInt8.self, repeating: 0, count: outInfo.size) }
        let (uPlane, vPlane) = outInfo.format == .i420 ? (1, 2) : (2, 1)
        let (rShift, bShift): (Int32, Int32) = inInfo.format == .rgba || inInfo.format == .rgbx ? (0, 16) : (16, 0)
        let (k0, k1, k2) = matrix.columns
        let o = matrix.offsets
        // Lane-wide coefficients: row i of the matrix is (k0[i], k1[i], k2[i]) plus offset o[i]. Each is held
        // as k + 256, which `hasEncodeFastPath` keeps within 0…512 (written so that the compiler sees that it
        // fits 15 bits and multiplies 16-bit halves, `pmaddwd`); the sums then take back 256·(r + g + b).
        func lanes(_ k: Int32) -> SIMD8<Int32> { SIMD8(repeating: (k &+ 256) & 0x7FFF) }
        let yr = lanes(k0[0]), yg = lanes(k1[0]), yb = lanes(k2[0])
        let ur = lanes(k0[1]), ug = lanes(k1[1]), ub = lanes(k2[1])
        let vr = lanes(k0[2]), vg = lanes(k1[2]), vb = lanes(k2[2])
        let yo = SIMD8(repeating: o[0]), uo = SIMD8(repeating: o[1]), vo = SIMD8(repeating: o[2])
        let mask = SIMD8<Int32>(repeating: 0xFF)
        let zero = SIMD8<Int16>.zero, maximum = SIMD8<Int16>(repeating: 255)
        /// `v` (within 16 bits) clamped to 0…255 in 16-bit lanes.
        @inline(__always) func clamp(_ v: SIMD8<Int32>) -> SIMD8<Int16> {
            pointwiseMin(pointwiseMax(SIMD8<Int16>(truncatingIfNeeded: v), zero), maximum)
        }
        /// Y, U and V of eight pixels (clamped to 0…255).
        @inline(__always) func convert(_ words: SIMD8<Int32>) -> (SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>) {
            let r = (words &>> rShift) & mask, g = (words &>> 8) & mask, b = (words &>> bShift) & mask
            let bias = (r &+ g &+ b) &<< 8
            let y = ((r &* yr &+ g &* yg &+ b &* yb &- bias) &>> 8) &+ yo
            let u = ((r &* ur &+ g &* ug &+ b &* ub &- bias) &>> 8) &+ uo
            let v = ((r &* vr &+ g &* vg &+ b &* vb &- bias) &>> 8) &+ vo
            return (clamp(y), clamp(u), clamp(v))
        }
        /// Averages of neighbouring lanes (0…255 each), read as the two halves of 32-bit lanes.
        @inline(__always) func pairs(_ v: SIMD8<Int16>) -> SIMD4<Int32> {
            let w = unsafeBitCast(v, to: SIMD4<Int32>.self)
            return ((w & 0xFFFF) &+ (w &>> 16) &+ 1) &>> 1
        }
        let width = inInfo.width, height = inInfo.height
        // Above 576 lines GStreamer co-sites chroma horizontally: the row pair's chroma is averaged per pixel into
        // these rows, then filtered ([1 2 1]) once the row pair is done.
        let cosited = height > 576
        let chromaRows = UnsafeMutablePointer<UInt8>.allocate(capacity: cosited ? 2 * width + 16 : 0)
        defer { chromaRows.deallocate() }
        let uFull = chromaRows, vFull = chromaRows + width + 8
        for pair in 0..<((height + 1) / 2) {
            let top = 2 * pair, bottom = Swift.min(top + 1, height - 1)
            let inTop = source + top * inInfo.strides[0], inBottom = source + bottom * inInfo.strides[0]
            let yTop = destination + outInfo.offsets[0] + top * outInfo.strides[0]
            let yBottom = destination + outInfo.offsets[0] + bottom * outInfo.strides[0]
            let uRow = destination + outInfo.offsets[uPlane] + pair * outInfo.strides[uPlane]
            let vRow = destination + outInfo.offsets[vPlane] + pair * outInfo.strides[vPlane]
            var x = 0
            while x < width {
                let n = Swift.min(8, width - x)
                var a = SIMD8<Int32>.zero, b = SIMD8<Int32>.zero
                if n == 8 {
                    a = SIMD8(truncatingIfNeeded: (inTop + 4 * x).loadUnaligned(as: SIMD8<UInt32>.self))
                    b = SIMD8(truncatingIfNeeded: (inBottom + 4 * x).loadUnaligned(as: SIMD8<UInt32>.self))
                } else {
                    // The last pixel repeats into the unused lanes, as the line path pairs it with itself.
                    for i in 0..<8 {
                        let column = x + Swift.min(i, n - 1)
                        a[i] = Int32(bitPattern: inTop.loadUnaligned(fromByteOffset: 4 * column, as: UInt32.self))
                        b[i] = Int32(bitPattern: inBottom.loadUnaligned(fromByteOffset: 4 * column, as: UInt32.self))
                    }
                }
                let (y0, u0, v0) = convert(a), (y1, u1, v1) = convert(b)
                if cosited {
                    let one = SIMD8<Int16>(repeating: 1)
                    UnsafeMutableRawPointer(uFull + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: (u0 &+ u1 &+ one) &>> 1), as: SIMD8<UInt8>.self)
                    UnsafeMutableRawPointer(vFull + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: (v0 &+ v1 &+ one) &>> 1), as: SIMD8<UInt8>.self)
                }
                let u = (pairs(u0) &+ pairs(u1) &+ 1) &>> 1, v = (pairs(v0) &+ pairs(v1) &+ 1) &>> 1
                if n == 8 {
                    // For the last row of an odd height both rows are the same row, with the same values.
                    (yBottom + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: y1), as: SIMD8<UInt8>.self)
                    (yTop + x).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: y0), as: SIMD8<UInt8>.self)
                    (uRow + x / 2).storeBytes(of: SIMD4<UInt8>(truncatingIfNeeded: u), as: SIMD4<UInt8>.self)
                    (vRow + x / 2).storeBytes(of: SIMD4<UInt8>(truncatingIfNeeded: v), as: SIMD4<UInt8>.self)
                } else {
                    for i in 0..<n {
                        (yBottom + x + i).storeBytes(of: UInt8(truncatingIfNeeded: y1[i]), as: UInt8.self)
                        (yTop + x + i).storeBytes(of: UInt8(truncatingIfNeeded: y0[i]), as: UInt8.self)
                    }
                    for i in 0..<((n + 1) / 2) {
                        (uRow + x / 2 + i).storeBytes(of: UInt8(truncatingIfNeeded: u[i]), as: UInt8.self)
                        (vRow + x / 2 + i).storeBytes(of: UInt8(truncatingIfNeeded: v[i]), as: UInt8.self)
                    }
                }
                x += n
            }
            if cosited {
                let u = uRow.assumingMemoryBound(to: UInt8.self), v = vRow.assumingMemoryBound(to: UInt8.self)
                Self.cositeRow(uFull, into: u, width: width)
                Self.cositeRow(vFull, into: v, width: width)
            }
        }
    }

    /// Subsamples a row of full-resolution chroma at GStreamer's co-sited siting (`VideoChromaSiting`), eight
    /// outputs per step inside the row.
    static func cositeRow(_ full: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, width: Int) {
        let last = VideoChromaSiting.lastEven(width)
        out[0] = VideoChromaSiting.cosited(0, width: width) { Int(full[$0]) }
        var x = 2
        // Inner samples: (c[x−1] + 2·c[x] + c[x+1] + 2) >> 2 for x = 2, 4, …, eight at a time from 16 bytes.
        while x + 16 <= last {
            let bytes = SIMD16<UInt16>(truncatingIfNeeded: (UnsafeRawPointer(full) + x - 1).loadUnaligned(as: SIMD16<UInt8>.self))
            let ahead = SIMD16<UInt16>(truncatingIfNeeded: (UnsafeRawPointer(full) + x + 1).loadUnaligned(as: SIMD16<UInt8>.self))
            // Lanes 0, 2, 4, …: bytes = c[x−1+2k], bytes[1] = c[x+2k], ahead = c[x+1+2k].
            let words = unsafeBitCast(bytes, to: SIMD8<UInt32>.self)
            let before = SIMD8<UInt32>(truncatingIfNeeded: words & 0xFFFF), centre = words &>> 16
            let after = unsafeBitCast(ahead, to: SIMD8<UInt32>.self) & 0xFFFF
            let filtered = (before &+ 2 &* centre &+ after &+ 2) &>> 2
            (UnsafeMutableRawPointer(out) + x / 2).storeBytes(
                of: SIMD8<UInt8>(truncatingIfNeeded: filtered), as: SIMD8<UInt8>.self)
            x += 16
        }
        while x < width {
            out[x / 2] = VideoChromaSiting.cosited(x, width: width) { Int(full[$0]) }
            x += 2
        }
    }
}
