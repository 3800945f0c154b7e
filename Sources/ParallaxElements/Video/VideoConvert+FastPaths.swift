import ParallaxCore

extension VideoConvert {
    /// Whether `convertPlanar420ToRGB32` handles this pair: I420/YV12 into a 4-byte RGB format, through
    /// GStreamer's YUV → RGB arithmetic.
    static func hasFastPath(_ input: VideoFormat, _ output: VideoFormat, matrix: VideoConvertMatrix?) -> Bool {
        guard matrix?.yuvToRGB != nil else { return false }
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
        // Byte position of R, G, B in the output word (little-endian); the fourth byte is alpha (255).
        let (rShift, gShift, bShift): (UInt32, UInt32, UInt32) =
            outInfo.format == .rgba || outInfo.format == .rgbx ? (0, 8, 16) : (16, 8, 0)
        let alpha = SIMD8<UInt32>(repeating: 0xFF00_0000)
        let low = SIMD8<Int32>(repeating: -128), high = SIMD8<Int32>(repeating: 127)
        @inline(__always) func spread(_ c: SIMD8<Int32>) -> SIMD8<Int32> {
            let b = (c &- 128) & 0xFF
            return (b &<< 24 | b &<< 16) &>> 16
        }
        @inline(__always) func saturate(_ v: SIMD8<Int32>) -> SIMD8<UInt32> {
            SIMD8<UInt32>(truncatingIfNeeded: pointwiseMin(pointwiseMax(v, low), high) &+ 128)
        }
        @inline(__always) func words(_ y: SIMD8<Int32>, _ u: SIMD8<Int32>, _ v: SIMD8<Int32>) -> SIMD8<UInt32> {
            let sy = spread(y), su = spread(u), sv = spread(v)
            let wy = (sy &* k.y) &>> 16
            let r = saturate(wy &+ ((sv &* k.vr) &>> 16))
            let g = saturate(wy &+ ((su &* k.ug) &>> 16) &+ ((sv &* k.vg) &>> 16))
            let b = saturate(wy &+ ((su &* k.ub) &>> 16))
            return alpha | r &<< rShift | g &<< gShift | b &<< bShift
        }
        let width = inInfo.width
        for row in 0..<inInfo.height {
            let ys = source + inInfo.offsets[0] + row * inInfo.strides[0]
            let us = source + inInfo.offsets[uPlane] + (row / 2) * inInfo.strides[uPlane]
            let vs = source + inInfo.offsets[vPlane] + (row / 2) * inInfo.strides[vPlane]
            let out = destination + row * outInfo.strides[0]
            var x = 0
            while x + 8 <= width {
                let y = SIMD8<Int32>(truncatingIfNeeded: (ys + x).loadUnaligned(as: SIMD8<UInt8>.self))
                let u4 = SIMD4<Int32>(truncatingIfNeeded: (us + x / 2).loadUnaligned(as: SIMD4<UInt8>.self))
                let v4 = SIMD4<Int32>(truncatingIfNeeded: (vs + x / 2).loadUnaligned(as: SIMD4<UInt8>.self))
                let u = SIMD8(u4[0], u4[0], u4[1], u4[1], u4[2], u4[2], u4[3], u4[3])
                let v = SIMD8(v4[0], v4[0], v4[1], v4[1], v4[2], v4[2], v4[3], v4[3])
                (out + 4 * x).storeBytes(of: words(y, u, v), as: SIMD8<UInt32>.self)
                x += 8
            }
            if x < width {
                // The last pixels of the row: gather into lanes, convert, store as many as there are.
                var y = SIMD8<Int32>.zero, u = SIMD8<Int32>.zero, v = SIMD8<Int32>.zero
                for i in 0..<(width - x) {
                    y[i] = Int32(ys.load(fromByteOffset: x + i, as: UInt8.self))
                    u[i] = Int32(us.load(fromByteOffset: (x + i) / 2, as: UInt8.self))
                    v[i] = Int32(vs.load(fromByteOffset: (x + i) / 2, as: UInt8.self))
                }
                let tail = words(y, u, v)
                for i in 0..<(width - x) { (out + 4 * (x + i)).storeBytes(of: tail[i], as: UInt32.self) }
            }
        }
    }

    /// Whether `convertRGB32ToPlanar420` handles this pair: a 4-byte RGB format into I420/YV12.
    static func hasEncodeFastPath(_ input: VideoFormat, _ output: VideoFormat, matrix: VideoConvertMatrix?) -> Bool {
        guard let matrix, matrix.yuvToRGB == nil, matrix.bias == .zero else { return false }
        return [.rgba, .bgra, .rgbx, .bgrx].contains(input) && (output == .i420 || output == .yv12)
    }

    /// RGBA, BGRA, RGBx or BGRx → I420/YV12 two rows at a time, eight pixels per step: the line path's values
    /// (GStreamer's `video_orc_matrix8` per pixel, then chroma averaged over pixel pairs and row pairs,
    /// rounding half up) without unpacking into lines. Padding bytes are cleared first, as the line path does.
    static func convertRGB32ToPlanar420(
        _ inInfo: VideoInfo, _ source: UnsafeRawPointer, _ outInfo: VideoInfo, _ destination: UnsafeMutableRawPointer,
        _ matrix: VideoConvertMatrix
    ) {
        destination.initializeMemory(as: UInt8.self, repeating: 0, count: outInfo.size)
        let (uPlane, vPlane) = outInfo.format == .i420 ? (1, 2) : (2, 1)
        let (rShift, bShift): (Int32, Int32) = inInfo.format == .rgba || inInfo.format == .rgbx ? (0, 16) : (16, 0)
        let (k0, k1, k2) = matrix.columns
        let o = matrix.offsets
        // Lane-wide coefficients: row i of the matrix is (k0[i], k1[i], k2[i]) plus offset o[i].
        let yr = SIMD8(repeating: k0[0]), yg = SIMD8(repeating: k1[0]), yb = SIMD8(repeating: k2[0])
        let ur = SIMD8(repeating: k0[1]), ug = SIMD8(repeating: k1[1]), ub = SIMD8(repeating: k2[1])
        let vr = SIMD8(repeating: k0[2]), vg = SIMD8(repeating: k1[2]), vb = SIMD8(repeating: k2[2])
        let yo = SIMD8(repeating: o[0]), uo = SIMD8(repeating: o[1]), vo = SIMD8(repeating: o[2])
        let mask = SIMD8<Int32>(repeating: 0xFF)
        /// Y, U and V of eight pixels (clamped to 0…255).
        @inline(__always) func convert(_ words: SIMD8<Int32>) -> (SIMD8<Int32>, SIMD8<Int32>, SIMD8<Int32>) {
            let r = (words &>> rShift) & mask, g = (words &>> 8) & mask, b = (words &>> bShift) & mask
            let y = ((r &* yr &+ g &* yg &+ b &* yb) &>> 8) &+ yo
            let u = ((r &* ur &+ g &* ug &+ b &* ub) &>> 8) &+ uo
            let v = ((r &* vr &+ g &* vg &+ b &* vb) &>> 8) &+ vo
            return (VideoConvertMatrix.clampByte(y), VideoConvertMatrix.clampByte(u), VideoConvertMatrix.clampByte(v))
        }
        @inline(__always) func pairs(_ v: SIMD8<Int32>) -> SIMD4<Int32> { (v.evenHalf &+ v.oddHalf &+ 1) &>> 1 }
        let width = inInfo.width, height = inInfo.height
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
        }
    }
}
