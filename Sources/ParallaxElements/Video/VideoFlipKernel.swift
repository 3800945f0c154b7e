import ParallaxCore

/// The sample-moving loops of `videoflip`, for every plane of a frame.
///
/// Each orientation is an affine walk over the source: output sample (x, y) is read at
/// `origin + x·stepX + y·stepY` (byte offsets). Methods that keep rows (`stepX = ±sample`) copy or reverse
/// whole rows; the others (rotations by 90°, diagonal flips) read columns, so they go through the output in
/// 32×32 tiles made of 4×4 blocks transposed in SIMD registers (8×8 blocks in 64-bit words for byte planes).
///
/// ```
/// 90r:  out(x, y) = in(y, h-1-x)      origin = last row,  stepX = -stride, stepY = +sample
/// ```
/// Thread: the caller's (videoflip's streaming thread).
enum VideoFlipKernel {
    /// The tile edge, in samples.
    static let tile = 32

    /// Flips every plane of `source` (described by `input`) into `destination` (`output`).
    static func flip(
        _ source: UnsafeRawPointer, _ input: VideoInfo, into destination: UnsafeMutableRawPointer, _ output: VideoInfo,
        _ orientation: VideoFlip.Orientation
    ) {
        guard let inPlanes = VideoPlane.planes(of: input), let outPlanes = VideoPlane.planes(of: output) else {
            flipPacked422(source, input, into: destination, output, orientation)
            return
        }
        for (from, to) in zip(inPlanes, outPlanes) {
            flipPlane(source + from.offset, from, into: destination + to.offset, to, orientation)
        }
    }

    /// The walk of `orientation` over a `plane`: the byte offset of output sample (0, 0) and the steps.
    static func walk(_ plane: VideoPlane, _ orientation: VideoFlip.Orientation) -> (origin: Int, stepX: Int, stepY: Int)
    {
        let e = plane.sampleSize, s = plane.stride
        let lastColumn = (plane.width - 1) * e, lastRow = (plane.height - 1) * s
        switch orientation {
        case .identity: return (0, e, s)
        case .rotate90Right: return (lastRow, -s, e)
        case .rotate180: return (lastRow + lastColumn, -e, -s)
        case .rotate90Left: return (lastColumn, s, -e)
        case .horizontal: return (lastColumn, -e, s)
        case .vertical: return (lastRow, e, -s)
        case .upperLeftDiagonal: return (0, s, e)
        case .upperRightDiagonal: return (lastRow + lastColumn, -s, -e)
        }
    }

    static func flipPlane(
        _ source: UnsafeRawPointer, _ from: VideoPlane, into destination: UnsafeMutableRawPointer, _ to: VideoPlane,
        _ orientation: VideoFlip.Orientation
    ) {
        switch from.sampleSize {
        case 1: flipPlane(UInt8.self, source, from, into: destination, to, orientation)
        case 2: flipPlane(UInt16.self, source, from, into: destination, to, orientation)
        case 4: flipPlane(UInt32.self, source, from, into: destination, to, orientation)
        default: flipPlane(RGBSample.self, source, from, into: destination, to, orientation)
        }
    }

    /// Three bytes moved as one sample (RGB, BGR).
    struct RGBSample: BitwiseCopyable { var r, g, b: UInt8 }

    static func flipPlane<T: BitwiseCopyable>(
        _: T.Type, _ source: UnsafeRawPointer, _ from: VideoPlane, into destination: UnsafeMutableRawPointer,
        _ to: VideoPlane, _ orientation: VideoFlip.Orientation
    ) {
        let (origin, stepX, stepY) = walk(from, orientation)
        let e = from.sampleSize, width = to.width, height = to.height, outStride = to.stride
        let start = source + origin
        if abs(stepX) == e {
            // Rows stay rows: copy or reverse each.
            for y in 0..<height {
                let row = start + y * stepY, out = destination + y * outStride
                if stepX > 0 {
                    out.copyMemory(from: row, byteCount: width * e)
                } else {
                    reverseRow(T.self, from: row, into: out, count: width)
                }
            }
            return
        }
        // Columns become rows: tiles of 4×4 transposes.
        for ty in stride(from: 0, to: height, by: tile) {
            let yEnd = min(ty + tile, height)
            for tx in stride(from: 0, to: width, by: tile) {
                let xEnd = min(tx + tile, width)
                var y = ty
                // Byte planes go 8×8 at a time (one 64-bit word per row), wider samples 4×4 in SIMD registers.
                let block = MemoryLayout<T>.size == 1 ? 8 : 4
                while y + block <= yEnd {
                    var x = tx
                    while x + block <= xEnd {
                        if block == 8 {
                            transpose8Bytes(start, x: x, y: y, stepX: stepX, stepY: stepY, destination, outStride)
                        } else {
                            transpose4(T.self, start, x: x, y: y, stepX: stepX, stepY: stepY, destination, outStride)
                        }
                        x += block
                    }
                    for yy in y..<(y + block) {
                        for xx in x..<xEnd { copySample(T.self, start, xx, yy, stepX, stepY, destination, outStride) }
                    }
                    y += block
                }
                for yy in y..<yEnd {
                    for xx in tx..<xEnd { copySample(T.self, start, xx, yy, stepX, stepY, destination, outStride) }
                }
            }
        }
    }

    /// Writes the `count` samples that end at `last` (inclusive, going left) into `out` from left to right: 4
    /// samples at a time in a SIMD register for 1- and 4-byte samples.
    static func reverseRow<T: BitwiseCopyable>(
        _: T.Type, from last: UnsafeRawPointer, into out: UnsafeMutableRawPointer, count: Int
    ) {
        let e = MemoryLayout<T>.size
        var x = 0
        if e == 4 {
            while x + 4 <= count {
                let v = last.loadUnaligned(fromByteOffset: -(x + 3) * 4, as: SIMD4<UInt32>.self)
                out.storeBytes(of: SIMD4(v[3], v[2], v[1], v[0]), toByteOffset: x * 4, as: SIMD4<UInt32>.self)
                x += 4
            }
        } else if e == 1 {
            while x + 16 <= count {
                let v = last.loadUnaligned(fromByteOffset: -(x + 15), as: SIMD16<UInt8>.self)
                var r = SIMD16<UInt8>()
                for i in 0..<16 { r[i] = v[15 - i] }
                out.storeBytes(of: r, toByteOffset: x, as: SIMD16<UInt8>.self)
                x += 16
            }
        }
        while x < count {
            out.storeBytes(of: last.loadUnaligned(fromByteOffset: -x * e, as: T.self), toByteOffset: x * e, as: T.self)
            x += 1
        }
    }

    @inline(__always)
    static func copySample<T: BitwiseCopyable>(
        _: T.Type, _ start: UnsafeRawPointer, _ x: Int, _ y: Int, _ stepX: Int, _ stepY: Int,
        _ destination: UnsafeMutableRawPointer, _ outStride: Int
    ) {
        let value = start.loadUnaligned(fromByteOffset: x * stepX + y * stepY, as: T.self)
        destination.storeBytes(of: value, toByteOffset: y * outStride + x * MemoryLayout<T>.size, as: T.self)
    }

    /// Output samples (x…x+3, y…y+3). Output row y+j holds source samples `start + (x+i)·stepX + (y+j)·stepY`:
    /// for each i the four of them are adjacent in one source row (|stepY| is one sample), so they load as one
    /// vector, reversed when stepY is negative; the four vectors are then transposed.
    @inline(__always)
    static func transpose4<T: BitwiseCopyable>(
        _: T.Type, _ start: UnsafeRawPointer, x: Int, y: Int, stepX: Int, stepY: Int,
        _ destination: UnsafeMutableRawPointer, _ outStride: Int
    ) {
        switch MemoryLayout<T>.size {
        case 4: transpose4Vector(UInt32.self, start, x: x, y: y, stepX: stepX, stepY: stepY, destination, outStride)
        case 2: transpose4Vector(UInt16.self, start, x: x, y: y, stepX: stepX, stepY: stepY, destination, outStride)
        case 1: transpose4Vector(UInt8.self, start, x: x, y: y, stepX: stepX, stepY: stepY, destination, outStride)
        default:
            for j in 0..<4 {
                for i in 0..<4 { copySample(T.self, start, x + i, y + j, stepX, stepY, destination, outStride) }
            }
        }
    }

    /// Output bytes (x…x+7, y…y+7) of a byte plane: source word i holds the 8 bytes that become column x+i
    /// (adjacent in one source row, byte-swapped when stepY is negative); three rounds of masked swaps of
    /// 32-, 16- and 8-bit halves transpose the 8×8 byte matrix held in eight 64-bit words.
    @inline(__always)
    static func transpose8Bytes(
        _ start: UnsafeRawPointer, x: Int, y: Int, stepX: Int, stepY: Int, _ destination: UnsafeMutableRawPointer,
        _ outStride: Int
    ) {
        @inline(__always) func load(_ i: Int) -> UInt64 {
            let first = (x + i) * stepX + y * stepY
            if stepY > 0 { return UInt64(littleEndian: start.loadUnaligned(fromByteOffset: first, as: UInt64.self)) }
            return UInt64(littleEndian: start.loadUnaligned(fromByteOffset: first - 7, as: UInt64.self)).byteSwapped
        }
        @inline(__always) func swap(_ a: inout UInt64, _ b: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
            let t = ((a >> shift) ^ b) & mask
            a ^= t << shift
            b ^= t
        }
        var w0 = load(0), w1 = load(1), w2 = load(2), w3 = load(3)
        var w4 = load(4), w5 = load(5), w6 = load(6), w7 = load(7)
        let m32: UInt64 = 0x0000_0000_FFFF_FFFF, m16: UInt64 = 0x0000_FFFF_0000_FFFF, m8: UInt64 = 0x00FF_00FF_00FF_00FF
        swap(&w0, &w4, 32, m32)
        swap(&w1, &w5, 32, m32)
        swap(&w2, &w6, 32, m32)
        swap(&w3, &w7, 32, m32)
        swap(&w0, &w2, 16, m16)
        swap(&w1, &w3, 16, m16)
        swap(&w4, &w6, 16, m16)
        swap(&w5, &w7, 16, m16)
        swap(&w0, &w1, 8, m8)
        swap(&w2, &w3, 8, m8)
        swap(&w4, &w5, 8, m8)
        swap(&w6, &w7, 8, m8)
        let out = destination + y * outStride + x
        out.storeBytes(of: w0.littleEndian, toByteOffset: 0, as: UInt64.self)
        out.storeBytes(of: w1.littleEndian, toByteOffset: outStride, as: UInt64.self)
        out.storeBytes(of: w2.littleEndian, toByteOffset: 2 * outStride, as: UInt64.self)
        out.storeBytes(of: w3.littleEndian, toByteOffset: 3 * outStride, as: UInt64.self)
        out.storeBytes(of: w4.littleEndian, toByteOffset: 4 * outStride, as: UInt64.self)
        out.storeBytes(of: w5.littleEndian, toByteOffset: 5 * outStride, as: UInt64.self)
        out.storeBytes(of: w6.littleEndian, toByteOffset: 6 * outStride, as: UInt64.self)
        out.storeBytes(of: w7.littleEndian, toByteOffset: 7 * outStride, as: UInt64.self)
    }

    @inline(__always)
    static func transpose4Vector<S: SIMDScalar & FixedWidthInteger>(
        _: S.Type, _ start: UnsafeRawPointer, x: Int, y: Int, stepX: Int, stepY: Int,
        _ destination: UnsafeMutableRawPointer, _ outStride: Int
    ) {
        let size = MemoryLayout<S>.size
        func load(_ i: Int) -> SIMD4<S> {
            let first = (x + i) * stepX + y * stepY
            if stepY > 0 { return start.loadUnaligned(fromByteOffset: first, as: SIMD4<S>.self) }
            let v = start.loadUnaligned(fromByteOffset: first - 3 * size, as: SIMD4<S>.self)
            return SIMD4(v[3], v[2], v[1], v[0])
        }
        let a = load(0), b = load(1), c = load(2), d = load(3)
        let out = destination + y * outStride + x * size
        out.storeBytes(of: SIMD4(a[0], b[0], c[0], d[0]), toByteOffset: 0, as: SIMD4<S>.self)
        out.storeBytes(of: SIMD4(a[1], b[1], c[1], d[1]), toByteOffset: outStride, as: SIMD4<S>.self)
        out.storeBytes(of: SIMD4(a[2], b[2], c[2], d[2]), toByteOffset: 2 * outStride, as: SIMD4<S>.self)
        out.storeBytes(of: SIMD4(a[3], b[3], c[3], d[3]), toByteOffset: 3 * outStride, as: SIMD4<S>.self)
    }

    /// YUY2 and UYVY, as GStreamer's videoflip repacks them. Luma moves like any sample. Chroma: methods that
    /// keep rows take the U,V of the macropixel that holds the mirrored pixel; the others average the U (and
    /// the V) of the two source rows that become output pixels x and x+1, read from the macropixel of the
    /// source column that becomes output row y.
    static func flipPacked422(
        _ source: UnsafeRawPointer, _ input: VideoInfo, into destination: UnsafeMutableRawPointer, _ output: VideoInfo,
        _ orientation: VideoFlip.Orientation
    ) {
        let src = source.assumingMemoryBound(to: UInt8.self), dst = destination.assumingMemoryBound(to: UInt8.self)
        let (yOff, uOff, vOff) = VideoPlane.packedOffsets(input.format)
        let sw = input.width, sh = input.height, dw = output.width, dh = output.height
        let ss = input.strides[0], ds = output.strides[0]
        // The source pixel (column, row) shown at output (x, y).
        func map(_ x: Int, _ y: Int) -> (Int, Int) {
            switch orientation {
            case .identity: (x, y)
            case .rotate90Right: (y, sh - 1 - x)
            case .rotate180: (sw - 1 - x, sh - 1 - y)
            case .rotate90Left: (sw - 1 - y, x)
            case .horizontal: (sw - 1 - x, y)
            case .vertical: (x, sh - 1 - y)
            case .upperLeftDiagonal: (y, x)
            case .upperRightDiagonal: (sw - 1 - y, sh - 1 - x)
            }
        }
        func luma(_ p: (Int, Int)) -> UInt8 { src[p.1 * ss + p.0 * 2 + yOff] }
        for y in 0..<dh {
            let row = dst + y * ds
            for x in stride(from: 0, to: dw, by: 2) {
                let first = map(x, y)
                var u: Int, v: Int
                let pair = first.0 & ~1
                u = Int(src[first.1 * ss + pair * 2 + uOff])
                v = Int(src[first.1 * ss + pair * 2 + vOff])
                if orientation.swapsSize, x + 1 < dw {
                    let second = map(x + 1, y)
                    u = (u + Int(src[second.1 * ss + pair * 2 + uOff])) >> 1
                    v = (v + Int(src[second.1 * ss + pair * 2 + vOff])) >> 1
                }
                row[x * 2 + uOff] = UInt8(u)
                row[x * 2 + vOff] = UInt8(v)
                row[x * 2 + yOff] = luma(first)
                if x + 1 < dw { row[(x + 1) * 2 + yOff] = luma(map(x + 1, y)) }
            }
        }
    }
}
