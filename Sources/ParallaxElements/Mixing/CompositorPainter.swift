import ParallaxCore

/// The drawing of `compositor`: backgrounds and the blending of one picture onto the output, per format, with
/// GStreamer's arithmetic (so opaque inputs are copied exactly and translucent ones blend as GStreamer's do).
///
/// ```
/// RGBA/BGRA:  a = srcA·alpha/255;  out = dst + (src − dst)·a/255 (÷255 rounded);  out alpha = 255
/// I420:       alpha = 1: planes copied;  else out = (dst·256 + (src − dst)·alpha255) >> 8
/// ```
/// Pure functions over raw memory; run on the compositor's streaming thread.
enum CompositorPainter {
    /// The formats the compositor handles.
    static let formats: [VideoFormat] = [.i420, .bgra, .rgba]

    /// Fills the whole frame `info` at `base` with `background`.
    static func fill(_ background: CompositorBackground, _ base: UnsafeMutableRawPointer, _ info: VideoInfo) {
        if info.format == .i420 {
            fillPlanar(background, base, info)
            return
        }
        let levels: (UInt8, UInt8) =
            switch background {
            case .checker: (80, 160)
            case .black: (0, 0)
            case .white: (255, 255)
            case .transparent: (0, 0)
            }
        let alpha: UInt32 = background == .transparent ? 0 : 255
        func pixel(_ level: UInt8) -> UInt32 {
            let value = UInt32(level)
            return (value | value << 8 | value << 16 | alpha << 24).littleEndian
        }
        // The checkerboard has two kinds of rows (squares of 8): make each once, then copy it.
        let rows = (0..<2).map { phase in
            (0..<info.width).map { x in pixel(((phase + ((x & 8) >> 3)) & 1) == 0 ? levels.0 : levels.1) }
        }
        for y in 0..<info.height {
            rows[(y & 8) >> 3].withUnsafeBytes { row in
                (base + info.offsets[0] + y * info.strides[0]).copyMemory(from: row.baseAddress!, byteCount: row.count)
            }
        }
    }

    private static func fillPlanar(_ background: CompositorBackground, _ base: UnsafeMutableRawPointer, _ info: VideoInfo) {
        let luma: (UInt8, UInt8) =
            switch background {
            case .checker: (80, 160)
            case .black: (16, 16)
            case .white: (235, 235)
            case .transparent: (0, 0)  // every plane zero, as GStreamer clears it
            }
        let chroma: UInt8 = background == .transparent ? 0 : 128
        let rows = (0..<2).map { phase in
            (0..<info.width).map { x in ((phase + ((x & 8) >> 3)) & 1) == 0 ? luma.0 : luma.1 }
        }
        for y in 0..<info.height {
            rows[(y & 8) >> 3].withUnsafeBytes { row in
                (base + info.offsets[0] + y * info.strides[0]).copyMemory(from: row.baseAddress!, byteCount: row.count)
            }
        }
        let chromaWidth = (info.width + 1) / 2, chromaHeight = (info.height + 1) / 2
        for plane in 1...2 {
            for y in 0..<chromaHeight {
                (base + info.offsets[plane] + y * info.strides[plane]).initializeMemory(
                    as: UInt8.self, repeating: chroma, count: chromaWidth)
            }
        }
    }

    /// Draws the picture `source` (described by `sourceInfo`) at (`x`, `y`) with opacity `alpha` onto the frame
    /// at `base` (`info`), clipped to the frame. Both have the same format.
    /// With `keepingAlpha` (a transparent background) RGBA/BGRA pictures are laid over the output's own alpha
    /// (Porter-Duff over, as GStreamer's overlay blend) instead of onto an opaque output.
    static func blend(
        _ source: UnsafeRawPointer, _ sourceInfo: VideoInfo, at x: Int, _ y: Int, alpha: Double,
        onto base: UnsafeMutableRawPointer, _ info: VideoInfo, keepingAlpha: Bool = false
    ) {
        let alpha255 = Int(max(0, min(255, alpha * 255)))
        guard alpha255 > 0 else { return }
        if info.format == .i420 {
            for plane in 0..<3 {
                let shift = plane == 0 ? 0 : 1
                let px = plane == 0 ? x : x >> 1, py = plane == 0 ? y : y >> 1
                let width = (sourceInfo.width + shift) >> shift, height = (sourceInfo.height + shift) >> shift
                let frameWidth = (info.width + shift) >> shift, frameHeight = (info.height + shift) >> shift
                blendPlane(
                    source + sourceInfo.offsets[plane], stride: sourceInfo.strides[plane], width: width, height: height,
                    at: px, py, alpha255: alpha255, onto: base + info.offsets[plane], stride: info.strides[plane],
                    frameWidth: frameWidth, frameHeight: frameHeight)
            }
            return
        }
        let left = max(0, x), top = max(0, y)
        let right = min(info.width, x + sourceInfo.width), bottom = min(info.height, y + sourceInfo.height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            let src = (source + sourceInfo.offsets[0] + (row - y) * sourceInfo.strides[0] + (left - x) * 4)
                .assumingMemoryBound(to: UInt8.self)
            let dst = (base + info.offsets[0] + row * info.strides[0] + left * 4).assumingMemoryBound(to: UInt8.self)
            if keepingAlpha {
                overlay(src, onto: dst, count: right - left, alpha255: alpha255)
                continue
            }
            blendRow(src, onto: dst, count: right - left, alpha255: alpha255)
        }
    }

    /// One row of 4-byte pixels (alpha last) blended onto an opaque output: opaque pixels are copied, the others
    /// blended four at a time as `div255(src·a + dst·(255 − a))`, which equals `dst + div255((src − dst)·a)`
    /// and fits 16-bit lanes (SSE2's native multiplies).
    private static func blendRow(
        _ src: UnsafePointer<UInt8>, onto dst: UnsafeMutablePointer<UInt8>, count: Int, alpha255: Int
    ) {
        let alphaMask = UInt32(0xFF00_0000).littleEndian
        var i = 0
        if alpha255 == 255 {
            // Runs of opaque pixels are copied whole.
            let s32 = UnsafeRawPointer(src).assumingMemoryBound(to: UInt32.self)
            let d32 = UnsafeMutableRawPointer(dst).assumingMemoryBound(to: UInt32.self)
            while i < count {
                var run = i
                // Eight pixels at a time while all are opaque, then one at a time.
                let mask8 = SIMD8<UInt32>(repeating: alphaMask)
                while run + 8 <= count {
                    let pixels = UnsafeRawPointer(s32 + run).loadUnaligned(as: SIMD8<UInt32>.self)
                    guard all((pixels & mask8) .== mask8) else { break }
                    run += 8
                }
                while run < count, s32[run] & alphaMask == alphaMask { run += 1 }
                if run > i {
                    (d32 + i).update(from: s32 + i, count: run - i)
                    i = run
                    continue
                }
                blendPixels(src + 4 * i, onto: dst + 4 * i, count: 1, alpha255: alpha255)
                i += 1
            }
            return
        }
        let vectorCount = count & ~3
        let gain = SIMD16<UInt16>(repeating: UInt16(alpha255))
        let full = SIMD16<UInt16>(repeating: 255)
        let round = SIMD16<UInt16>(repeating: 128)
        let alphaLane = SIMD16<UInt16>(0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255)
        let colourLanes = SIMD16<UInt16>(255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0, 255, 255, 255, 0)
        while i < vectorCount {
            let s = SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(src + 4 * i).loadUnaligned(as: SIMD16<UInt8>.self))
            let d = SIMD16<UInt16>(truncatingIfNeeded: UnsafeRawPointer(dst + 4 * i).loadUnaligned(as: SIMD16<UInt8>.self))
            // Each pixel's alpha to all four of its lanes, in 32-bit words.
            let words = UnsafeRawPointer(src + 4 * i).loadUnaligned(as: SIMD4<UInt32>.self)
            let alpha = words &>> 24
            let spread = alpha | (alpha &<< 8) | (alpha &<< 16) | (alpha &<< 24)
            let sa = SIMD16<UInt16>(truncatingIfNeeded: unsafeBitCast(spread, to: SIMD16<UInt8>.self))
            var t = sa &* gain &+ round
            let a = (t &+ (t &>> 8)) &>> 8
            t = s &* a &+ d &* (full &- a) &+ round
            let blended = (t &+ (t &>> 8)) &>> 8
            let out = (blended & colourLanes) | alphaLane
            UnsafeMutableRawPointer(dst + 4 * i).storeBytes(of: SIMD16<UInt8>(truncatingIfNeeded: out), as: SIMD16<UInt8>.self)
            i += 4
        }
        blendPixels(src + 4 * i, onto: dst + 4 * i, count: count - i, alpha255: alpha255)
    }

    /// `blendRow` one pixel at a time.
    private static func blendPixels(
        _ src: UnsafePointer<UInt8>, onto dst: UnsafeMutablePointer<UInt8>, count: Int, alpha255: Int
    ) {
        for i in 0..<count {
            let a = div255(Int(src[4 * i + 3]) * alpha255)
            if a == 255 {
                dst[4 * i] = src[4 * i]
                dst[4 * i + 1] = src[4 * i + 1]
                dst[4 * i + 2] = src[4 * i + 2]
            } else if a > 0 {
                for c in 0..<3 {
                    let d = Int(dst[4 * i + c])
                    dst[4 * i + c] = UInt8(clamping: div255(Int(src[4 * i + c]) * a + d * (255 - a)))
                }
            }
            dst[4 * i + 3] = 255
        }
    }

    private static func blendPlane(
        _ source: UnsafeRawPointer, stride sourceStride: Int, width: Int, height: Int, at x: Int, _ y: Int,
        alpha255: Int, onto base: UnsafeMutableRawPointer, stride: Int, frameWidth: Int, frameHeight: Int
    ) {
        let left = max(0, x), top = max(0, y)
        let right = min(frameWidth, x + width), bottom = min(frameHeight, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            let src = source + (row - y) * sourceStride + (left - x)
            let dst = base + row * stride + left
            if alpha255 == 255 {
                dst.copyMemory(from: src, byteCount: right - left)
                continue
            }
            // (d·256 + (s − d)·alpha) >> 8 = (d·(256 − alpha) + s·alpha) >> 8, which fits 16-bit lanes.
            let count = right - left, vectorCount = count & ~15
            let gain = SIMD16<UInt16>(repeating: UInt16(alpha255)), rest = SIMD16<UInt16>(repeating: UInt16(256 - alpha255))
            var i = 0
            while i < vectorCount {
                let sv = SIMD16<UInt16>(truncatingIfNeeded: (src + i).loadUnaligned(as: SIMD16<UInt8>.self))
                let dv = SIMD16<UInt16>(truncatingIfNeeded: (dst + i).loadUnaligned(as: SIMD16<UInt8>.self))
                let out = (dv &* rest &+ sv &* gain) &>> 8
                (dst + i).storeBytes(of: SIMD16<UInt8>(truncatingIfNeeded: out), as: SIMD16<UInt8>.self)
                i += 16
            }
            let s = src.assumingMemoryBound(to: UInt8.self), d = dst.assumingMemoryBound(to: UInt8.self)
            while i < count {
                d[i] = UInt8(clamping: (Int(d[i]) << 8 + (Int(s[i]) - Int(d[i])) * alpha255) >> 8)
                i += 1
            }
        }
    }

    /// Porter-Duff over for 4-byte pixels with alpha last: out alpha = a + dstA·(255 − a)/255, colours weighted by
    /// both alphas.
    private static func overlay(
        _ src: UnsafePointer<UInt8>, onto dst: UnsafeMutablePointer<UInt8>, count: Int, alpha255: Int
    ) {
        for i in 0..<count {
            let a = div255(Int(src[4 * i + 3]) * alpha255)
            guard a > 0 else { continue }
            let d = div255(Int(dst[4 * i + 3]) * (255 - a))
            let total = a + d
            for c in 0..<3 {
                dst[4 * i + c] = UInt8(clamping: (Int(src[4 * i + c]) * a + Int(dst[4 * i + c]) * d) / total)
            }
            dst[4 * i + 3] = UInt8(clamping: total)
        }
    }

    /// `value / 255` rounded as ORC's `div255w` does.
    @inline(__always) static func div255(_ value: Int) -> Int {
        let t = value + 128
        return (t + (t >> 8)) >> 8
    }
}
