/// Row kernels of `videoscale`: each filters one row of `n`-byte pixels, with GStreamer's integer arithmetic.
///
/// The vector kernels never widen bytes with vector conversions: 16 bytes are loaded as eight 16-bit lanes
/// and split into their even bytes (`w & 0xFF`) and odd bytes (`w >> 8`), each filtered in 16-bit lanes as
/// GStreamer's ORC code does, `a + ((b − a)·f + rounding) >> 8` with wrapping 16-bit products (bits 8…15 of
/// the product are exact modulo 256, and so is the byte sum), and joined again as `even | odd << 8`.
/// ```
/// bytes   b0 b1 | b2 b3 | …      lanes (UInt16)   even: b0 b2 …   odd: b1 b3 …
/// ```
/// Thread: pure functions over memory the caller owns.
enum VideoScaleKernels {
    typealias Lanes = SIMD8<UInt16>

    /// `a + ((b − a)·f + rounding) >> 8` on each byte of `x` (a) and `y` (b), `f` per 16-bit lane (0…256).
    @inline(__always)
    static func interpolate(_ x: Lanes, _ y: Lanes, _ f: Lanes, _ rounding: Lanes) -> Lanes {
        let low = Lanes(repeating: 0x00FF), high = Lanes(repeating: 0xFF00)
        let xe = x & low
        let even = (xe &+ ((((y & low) &- xe) &* f &+ rounding) &>> 8)) & low
        let odd = (x & high) &+ ((((y &>> 8) &- (x &>> 8)) &* f &+ rounding) & high)
        return even | odd
    }

    // MARK: Vertical (whole rows of bytes)

    /// `(a·(256 − p) + b·p + rounding) >> 8` for `count` bytes. With `rounding` 128 this is GStreamer's 8-bit
    /// 2-tap vertical filter (`video_orc_resample_v_2tap_u8_lq`, `a + ((b − a)·p + 128) >> 8`, the same values);
    /// with 0, its truncating accumulator filter.
    static func blend(
        _ top: UnsafePointer<UInt8>, _ bottom: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
        count: Int, weight p: UInt16, rounding: UInt16
    ) {
        let f = Lanes(repeating: p), half = Lanes(repeating: rounding)
        let a = UnsafeRawPointer(top), b = UnsafeRawPointer(bottom), o = UnsafeMutableRawPointer(out)
        var i = 0
        while i + 32 <= count {
            let x0 = a.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            let x1 = a.loadUnaligned(fromByteOffset: i + 16, as: Lanes.self)
            let y0 = b.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            let y1 = b.loadUnaligned(fromByteOffset: i + 16, as: Lanes.self)
            o.storeBytes(of: interpolate(x0, y0, f, half), toByteOffset: i, as: Lanes.self)
            o.storeBytes(of: interpolate(x1, y1, f, half), toByteOffset: i + 16, as: Lanes.self)
            i &+= 32
        }
        while i + 16 <= count {
            let x = a.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            let y = b.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            o.storeBytes(of: interpolate(x, y, f, half), toByteOffset: i, as: Lanes.self)
            i &+= 16
        }
        while i < count {
            let r = (UInt16(top[i]) &* (256 - p) &+ UInt16(bottom[i]) &* p &+ rounding) >> 8
            out[i] = UInt8(truncatingIfNeeded: r)
            i += 1
        }
    }

    /// `(a + b + 1) >> 1` for `count` bytes (GStreamer's `avgub`).
    static func average(
        _ top: UnsafePointer<UInt8>, _ bottom: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
        count: Int
    ) {
        let a = UnsafeRawPointer(top), b = UnsafeRawPointer(bottom), o = UnsafeMutableRawPointer(out)
        let low = Lanes(repeating: 0xFF), one = Lanes(repeating: 1)
        var i = 0
        while i + 16 <= count {
            let x = a.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            let y = b.loadUnaligned(fromByteOffset: i, as: Lanes.self)
            let even = ((x & low) &+ (y & low) &+ one) &>> 1
            let odd = ((x &>> 8) &+ (y &>> 8) &+ one) &>> 1
            o.storeBytes(of: even | odd &<< 8, toByteOffset: i, as: Lanes.self)
            i += 16
        }
        while i < count {
            out[i] = UInt8((UInt16(top[i]) + UInt16(bottom[i]) + 1) >> 1)
            i += 1
        }
    }

    // MARK: Horizontal (rows of n-byte pixels)

    /// GStreamer's accumulator bilinear on 4-byte pixels (`ldreslinl`), four output pixels per step:
    /// each output byte is `(a·(256 − f) + b·f) >> 8` from the pixels at `index[x]` and `index[x] + 1`.
    static func stepped4(
        _ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, index: UnsafeBufferPointer<Int32>,
        fraction: UnsafeBufferPointer<UInt16>
    ) {
        let src = UnsafeRawPointer(row), dst = UnsafeMutableRawPointer(out)
        let width = index.count
        let zero = Lanes(repeating: 0)
        @inline(__always) func pair(_ x: Int) -> SIMD2<UInt32> {
            src.loadUnaligned(fromByteOffset: Int(index[x]) &<< 2, as: SIMD2<UInt32>.self)
        }
        var x = 0
        while x + 4 <= width {
            // Words a0 b0 a1 b1 and a2 b2 a3 b3: pixel a of each pair, then pixel b.
            let p = SIMD4(lowHalf: pair(x), highHalf: pair(x + 1))
            let q = SIMD4(lowHalf: pair(x + 2), highHalf: pair(x + 3))
            let a = unsafeBitCast(SIMD4<UInt32>(p[0], p[2], q[0], q[2]), to: Lanes.self)
            let b = unsafeBitCast(SIMD4<UInt32>(p[1], p[3], q[1], q[3]), to: Lanes.self)
            let f0 = fraction[x], f1 = fraction[x + 1], f2 = fraction[x + 2], f3 = fraction[x + 3]
            let f = Lanes(f0, f0, f1, f1, f2, f2, f3, f3)
            dst.storeBytes(of: interpolate(a, b, f, zero), toByteOffset: x &<< 2, as: Lanes.self)
            x &+= 4
        }
        steppedTail(row, into: out, n: 4, index: index, fraction: fraction, from: x)
    }

    /// The accumulator filter on output pixels `start...` of `n`-byte pixels, one byte at a time.
    static func steppedTail(
        _ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, n: Int, index: UnsafeBufferPointer<Int32>,
        fraction: UnsafeBufferPointer<UInt16>, from start: Int
    ) {
        for x in start..<Swift.max(start, index.count) {
            let i = n * Int(index[x]), f = fraction[x]
            for c in 0..<n {
                let r = (UInt16(row[i + c]) &* (256 - f) &+ UInt16(row[i + n + c]) &* f) >> 8
                out[n * x + c] = UInt8(truncatingIfNeeded: r)
            }
        }
    }

    /// GStreamer's accumulator bilinear on one-byte samples (`ldreslinb`), sixteen outputs per step: the
    /// even outputs and the odd outputs each fill eight lanes with the sample pair read as one 16-bit word.
    static func stepped1(
        _ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, index: UnsafeBufferPointer<Int32>,
        fraction: UnsafeBufferPointer<UInt16>
    ) {
        let src = UnsafeRawPointer(row), dst = UnsafeMutableRawPointer(out)
        let width = index.count
        let low = Lanes(repeating: 0xFF), full = Lanes(repeating: 256)
        @inline(__always) func word(_ x: Int) -> UInt16 {
            src.loadUnaligned(fromByteOffset: Int(index[x]), as: UInt16.self)
        }
        @inline(__always) func filter(_ w: Lanes, _ f: Lanes) -> Lanes {
            ((w & low) &* (full &- f) &+ (w &>> 8) &* f) &>> 8
        }
        var x = 0
        while x + 16 <= width {
            let we = Lanes(word(x), word(x + 2), word(x + 4), word(x + 6),
                           word(x + 8), word(x + 10), word(x + 12), word(x + 14))
            let wo = Lanes(word(x + 1), word(x + 3), word(x + 5), word(x + 7),
                           word(x + 9), word(x + 11), word(x + 13), word(x + 15))
            let fe = Lanes(fraction[x], fraction[x + 2], fraction[x + 4], fraction[x + 6],
                           fraction[x + 8], fraction[x + 10], fraction[x + 12], fraction[x + 14])
            let fo = Lanes(fraction[x + 1], fraction[x + 3], fraction[x + 5], fraction[x + 7],
                           fraction[x + 9], fraction[x + 11], fraction[x + 13], fraction[x + 15])
            dst.storeBytes(of: filter(we, fe) | filter(wo, fo) &<< 8, toByteOffset: x, as: Lanes.self)
            x += 16
        }
        steppedTail(row, into: out, n: 1, index: index, fraction: fraction, from: x)
    }

    /// Two integer taps of `precision` bits on `n`-byte pixels: `(a·t0 + b·t1 + ½) >> precision`, clamped
    /// (GStreamer's `video_orc_resample_h_2tap_u8_lq` for 6 bits).
    static func taps(
        _ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, n: Int, index: UnsafeBufferPointer<Int32>,
        first: UnsafeBufferPointer<Int16>, second: UnsafeBufferPointer<Int16>, precision: Int
    ) {
        let half = Int32(1) << (precision - 1)
        for x in 0..<index.count {
            let a = row + n * Int(index[x]), b = a + n
            let t0 = Int32(first[x]), t1 = Int32(second[x])
            for c in 0..<n {
                let r = (Int32(a[c]) &* t0 &+ Int32(b[c]) &* t1 &+ half) >> Int32(precision)
                out[n * x + c] = UInt8(truncatingIfNeeded: Swift.min(Swift.max(r, 0), 255))
            }
        }
    }

    /// Averages pixel pairs of `n`-byte pixels into `width` output pixels, rounding up.
    static func halve(_ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, n: Int, width: Int) {
        for x in 0..<width {
            for c in 0..<n {
                out[n * x + c] = UInt8((UInt16(row[2 * n * x + c]) + UInt16(row[2 * n * x + n + c]) + 1) >> 1)
            }
        }
    }

    /// Copies pixel `index[x]` of `n`-byte pixels to output pixel `x`.
    static func nearest(_ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, n: Int, index: UnsafeBufferPointer<Int32>) {
        switch n {
        case 4:
            let src = UnsafeRawPointer(row), dst = UnsafeMutableRawPointer(out)
            for x in 0..<index.count {
                dst.storeBytes(of: src.loadUnaligned(fromByteOffset: 4 * Int(index[x]), as: UInt32.self),
                               toByteOffset: 4 * x, as: UInt32.self)
            }
        default:
            for x in 0..<index.count {
                for c in 0..<n { out[n * x + c] = row[n * Int(index[x]) + c] }
            }
        }
    }
}
