import ParallaxCore

/// The sampling positions along one axis: for each output index, the two source indices and the
/// 8-bit weight of the second (0...255). Nearest neighbour uses weight 0 and equal indices.
struct VideoScaleAxis: Sendable, Hashable {
    var first: [Int]
    var second: [Int]
    var weight: [UInt16]

    /// Pixel centres are aligned: output sample `d` sits at source position `(d + ½)·src/dst − ½`.
    /// Nearest picks `⌊(d + ½)·src/dst⌋`; bilinear interpolates in 16.16 fixed point, clamped at the edges.
    init(source: Int, destination: Int, method: VideoScale.Method) {
        first = []
        second = []
        weight = []
        first.reserveCapacity(destination)
        second.reserveCapacity(destination)
        weight.reserveCapacity(destination)
        for d in 0..<destination {
            switch method {
            case .nearestNeighbour:
                let s = Swift.min((2 * d + 1) * source / (2 * destination), source - 1)
                first.append(s)
                second.append(s)
                weight.append(0)
            case .bilinear:
                let position = (2 * d + 1) * source * 65536 / (2 * destination) - 32768
                if position <= 0 {
                    first.append(0)
                    second.append(0)
                    weight.append(0)
                } else {
                    let s = Swift.min(position >> 16, source - 1)
                    let next = Swift.min(s + 1, source - 1)
                    first.append(s)
                    second.append(next)
                    weight.append(next == s ? 0 : UInt16((position & 0xFFFF) >> 8))
                }
            }
        }
    }
}

/// One group of samples scaled together: a plane, or the luma or chroma samples of a packed 4:2:2 row.
///
/// A "pixel" here is `step` bytes in memory holding the `components` bytes at the given offsets (RGBA: step
/// 4, components 0,1,2,3; YUY2 luma: step 2, component 0; YUY2 chroma: step 4, components 1 and 3).
struct VideoScaleChannel: Sendable, Hashable {
    var sourceOffset: Int
    var sourceStride: Int
    var destinationOffset: Int
    var destinationStride: Int
    var step: Int
    var components: [Int]
    var horizontal: VideoScaleAxis
    var vertical: VideoScaleAxis

    /// Whether the components fill each pixel in order, so rows can be written directly.
    var isContiguous: Bool { components == Array(0..<step) }

    /// The channels of a `format` frame scaled from `input` to `output` (same format).
    static func channels(from input: VideoInfo, to output: VideoInfo, method: VideoScale.Method) -> [Self] {
        let format = input.format
        let (iw, ih, ow, oh) = (input.width, input.height, output.width, output.height)
        let (ihw, ihh, ohw, ohh) = ((iw + 1) / 2, (ih + 1) / 2, (ow + 1) / 2, (oh + 1) / 2)
        func make(_ plane: Int, step: Int, components: [Int], size: (Int, Int, Int, Int)) -> Self {
            Self(sourceOffset: input.offsets[plane], sourceStride: input.strides[plane],
                 destinationOffset: output.offsets[plane], destinationStride: output.strides[plane],
                 step: step, components: components,
                 horizontal: VideoScaleAxis(source: size.0, destination: size.2, method: method),
                 vertical: VideoScaleAxis(source: size.1, destination: size.3, method: method))
        }
        let full = (iw, ih, ow, oh)
        switch format {
        case .i420, .yv12:
            return [make(0, step: 1, components: [0], size: full),
                    make(1, step: 1, components: [0], size: (ihw, ihh, ohw, ohh)),
                    make(2, step: 1, components: [0], size: (ihw, ihh, ohw, ohh))]
        case .nv12, .nv21:
            return [make(0, step: 1, components: [0], size: full),
                    make(1, step: 2, components: [0, 1], size: (ihw, ihh, ohw, ohh))]
        case .y444:
            return (0..<3).map { make($0, step: 1, components: [0], size: full) }
        case .yuy2:
            return [make(0, step: 2, components: [0], size: full),
                    make(0, step: 4, components: [1, 3], size: (ihw, ih, ohw, oh))]
        case .uyvy:
            return [make(0, step: 2, components: [1], size: full),
                    make(0, step: 4, components: [0, 2], size: (ihw, ih, ohw, oh))]
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8:
            let step = format.pixelStride
            return [make(0, step: step, components: Array(0..<step), size: full)]
        }
    }

    /// Scales this channel from `source` (a whole input frame) into `destination` (a whole output frame).
    func scale(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        guard let sourceBase = source.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let destinationBase = destination.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else { return }
        let n = components.count
        let width = horizontal.first.count
        let rowLength = width * n
        let contiguous = isContiguous
        let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 * rowLength)
        defer { rows.deallocate() }
        let packed = rows + 2 * rowLength
        var tags = (-1, -1)
        horizontal.first.withUnsafeBufferPointer { first in
            horizontal.second.withUnsafeBufferPointer { second in
                horizontal.weight.withUnsafeBufferPointer { weight in
                    components.withUnsafeBufferPointer { comps in
                        func horizontalRow(_ y: Int, into out: UnsafeMutablePointer<UInt8>) {
                            let row = sourceBase + sourceOffset + y * sourceStride
                            if contiguous {
                                Self.scaleRowContiguous(row, out, first, second, weight, n)
                            } else {
                                for x in 0..<width {
                                    let a = row + first[x] * step, b = row + second[x] * step
                                    let f = weight[x], g = 256 - f
                                    for c in 0..<n {
                                        let o = comps[c]
                                        out[x * n + c] = UInt8(truncatingIfNeeded:
                                            (UInt16(a[o]) &* g &+ UInt16(b[o]) &* f &+ 128) >> 8)
                                    }
                                }
                            }
                        }
                        /// The cache slot holding source row `y`, computing it into the slot not holding `keep`.
                        func slot(_ y: Int, keeping keep: Int) -> UnsafeMutablePointer<UInt8> {
                            if tags.0 == y { return rows }
                            if tags.1 == y { return rows + rowLength }
                            if tags.0 != keep {
                                tags.0 = y
                                horizontalRow(y, into: rows)
                                return rows
                            }
                            tags.1 = y
                            horizontalRow(y, into: rows + rowLength)
                            return rows + rowLength
                        }
                        for dy in 0..<vertical.first.count {
                            let y0 = vertical.first[dy], y1 = vertical.second[dy], f = vertical.weight[dy]
                            let top = slot(y0, keeping: y1)
                            let out = contiguous
                                ? destinationBase + destinationOffset + dy * destinationStride : packed
                            if f == 0 {
                                out.update(from: top, count: rowLength)
                            } else {
                                let bottom = slot(y1, keeping: y0)
                                Self.blendRows(top, bottom, out, rowLength, f)
                            }
                            if !contiguous {
                                let row = destinationBase + destinationOffset + dy * destinationStride
                                for x in 0..<width {
                                    for c in 0..<n { row[x * step + comps[c]] = out[x * n + c] }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func scaleRowContiguous(
        _ row: UnsafePointer<UInt8>, _ out: UnsafeMutablePointer<UInt8>, _ first: UnsafeBufferPointer<Int>,
        _ second: UnsafeBufferPointer<Int>, _ weight: UnsafeBufferPointer<UInt16>, _ n: Int
    ) {
        switch n {
        case 4:
            for x in 0..<first.count {
                let a = UnsafeRawPointer(row + first[x] * 4).loadUnaligned(as: SIMD4<UInt8>.self)
                let b = UnsafeRawPointer(row + second[x] * 4).loadUnaligned(as: SIMD4<UInt8>.self)
                let f = SIMD4<UInt16>(repeating: weight[x])
                let r = (SIMD4<UInt16>(truncatingIfNeeded: a) &* (256 &- f)
                    &+ SIMD4<UInt16>(truncatingIfNeeded: b) &* f &+ 128) &>> 8
                UnsafeMutableRawPointer(out + x * 4).storeBytes(
                    of: SIMD4<UInt8>(truncatingIfNeeded: r), as: SIMD4<UInt8>.self)
            }
        case 1:
            for x in 0..<first.count {
                let f = weight[x]
                out[x] = UInt8(truncatingIfNeeded:
                    (UInt16(row[first[x]]) &* (256 - f) &+ UInt16(row[second[x]]) &* f &+ 128) >> 8)
            }
        default:
            for x in 0..<first.count {
                let a = row + first[x] * n, b = row + second[x] * n
                let f = weight[x], g = 256 - f
                for c in 0..<n {
                    out[x * n + c] = UInt8(truncatingIfNeeded: (UInt16(a[c]) &* g &+ UInt16(b[c]) &* f &+ 128) >> 8)
                }
            }
        }
    }

    @inline(__always)
    private static func blendRows(
        _ top: UnsafePointer<UInt8>, _ bottom: UnsafePointer<UInt8>, _ out: UnsafeMutablePointer<UInt8>,
        _ count: Int, _ weight: UInt16
    ) {
        let f = SIMD16<UInt16>(repeating: weight), g = SIMD16<UInt16>(repeating: 256 - weight)
        var i = 0
        while i + 16 <= count {
            let a = UnsafeRawPointer(top + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let b = UnsafeRawPointer(bottom + i).loadUnaligned(as: SIMD16<UInt8>.self)
            let r = (SIMD16<UInt16>(truncatingIfNeeded: a) &* g &+ SIMD16<UInt16>(truncatingIfNeeded: b) &* f &+ 128) &>> 8
            UnsafeMutableRawPointer(out + i).storeBytes(of: SIMD16<UInt8>(truncatingIfNeeded: r), as: SIMD16<UInt8>.self)
            i += 16
        }
        while i < count {
            out[i] = UInt8(truncatingIfNeeded: (UInt16(top[i]) &* (256 - weight) &+ UInt16(bottom[i]) &* weight &+ 128) >> 8)
            i += 1
        }
    }
}
