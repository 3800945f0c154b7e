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
}
