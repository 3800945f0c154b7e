import ParallaxCore

/// One group of samples scaled together: a plane, or the luma or chroma samples of a packed 4:2:2 row.
///
/// A "pixel" here is `step` bytes in memory holding the `components` bytes at the given offsets (RGBA: step
/// 4, components 0,1,2,3; YUY2 luma: step 2, component 0; YUY2 chroma: step 4, components 1 and 3). Rows
/// are filtered in both directions as GStreamer does (`VideoScaleFilter`): vertically first when the last
/// output row reads a source row below the output height (shrinking), else horizontally first with the
/// two most recent filtered source rows kept.
/// Thread: built in `setCaps`; `scale` runs on the streaming thread.
struct VideoScaleChannel: Sendable, Hashable {
    var sourceOffset: Int
    var sourceStride: Int
    var destinationOffset: Int
    var destinationStride: Int
    var step: Int
    var components: [Int]
    var sourceWidth: Int
    var sourceHeight: Int
    var destinationWidth: Int
    var destinationHeight: Int
    var horizontal: VideoScaleFilter
    var vertical: VideoScaleFilter
    /// Filter columns of source rows first, then rows (GStreamer's order for shrinking).
    var verticalFirst: Bool

    /// Whether the components fill each pixel in order, so rows are read and written in place.
    var isContiguous: Bool { components == Array(0..<step) }

    /// The channels of a `format` frame scaled from `input` to `output` (same format).
    static func channels(from input: VideoInfo, to output: VideoInfo, method: VideoScale.Method) -> [Self] {
        let format = input.format
        let (iw, ih, ow, oh) = (input.width, input.height, output.width, output.height)
        let half = ((iw + 1) / 2, (ih + 1) / 2, (ow + 1) / 2, (oh + 1) / 2)
        /// `stepped`: GStreamer filters one-byte planes and 4-byte pixels with its accumulator;
        /// `plane`: a plane of one-byte samples, which GStreamer may halve by averaging.
        func make(_ plane: Int, step: Int, components: [Int], size: (Int, Int, Int, Int), stepped: Bool,
                  plane isPlane: Bool) -> Self {
            let bilinear = method == .bilinear
            let (sw, sh, dw, dh) = size
            let halves = isPlane && (sw == dw || sw == 2 * dw) && (sh == dh || sh == 2 * dh)
            let horizontal = VideoScaleFilter(source: sw, destination: dw, bilinear: bilinear, horizontal: true,
                                              stepped: stepped, halves: halves)
            let vertical = VideoScaleFilter(source: sh, destination: dh, bilinear: bilinear, horizontal: false,
                                            stepped: false, halves: halves)
            return Self(sourceOffset: input.offsets[plane], sourceStride: input.strides[plane],
                        destinationOffset: output.offsets[plane], destinationStride: output.strides[plane],
                        step: step, components: components, sourceWidth: sw, sourceHeight: sh,
                        destinationWidth: dw, destinationHeight: dh,
                        horizontal: horizontal, vertical: vertical,
                        // Halving in both directions averages rows first, as GStreamer's 4:2:0 path does.
                        verticalFirst: vertical == .halve || vertical.lastIndex(destination: dh) > dh)
        }
        let full = (iw, ih, ow, oh)
        switch format {
        case .i420_10le: return []  // not in the template: 8-bit formats only
        case .i420, .yv12:
            return [make(0, step: 1, components: [0], size: full, stepped: true, plane: true),
                    make(1, step: 1, components: [0], size: half, stepped: true, plane: true),
                    make(2, step: 1, components: [0], size: half, stepped: true, plane: true)]
        case .nv12, .nv21:
            return [make(0, step: 1, components: [0], size: full, stepped: true, plane: true),
                    make(1, step: 2, components: [0, 1], size: half, stepped: false, plane: false)]
        case .y444:
            return (0..<3).map { make($0, step: 1, components: [0], size: full, stepped: true, plane: true) }
        case .gray8:
            return [make(0, step: 1, components: [0], size: full, stepped: true, plane: true)]
        case .yuy2:
            return [make(0, step: 2, components: [0], size: full, stepped: false, plane: false),
                    make(0, step: 4, components: [1, 3], size: (half.0, ih, half.2, oh), stepped: false, plane: false)]
        case .uyvy:
            return [make(0, step: 2, components: [1], size: full, stepped: false, plane: false),
                    make(0, step: 4, components: [0, 2], size: (half.0, ih, half.2, oh), stepped: false, plane: false)]
        case .rgba, .bgra, .rgbx, .bgrx:
            return [make(0, step: 4, components: [0, 1, 2, 3], size: full, stepped: true, plane: false)]
        case .rgb, .bgr:
            return [make(0, step: 3, components: [0, 1, 2], size: full, stepped: false, plane: false)]
        }
    }

    /// Scales this channel from `source` (a whole input frame) into `destination` (a whole output frame).
    func scale(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        guard let sourceBase = source.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let destinationBase = destination.baseAddress?.assumingMemoryBound(to: UInt8.self)
        else { return }
        let n = components.count
        let sw = sourceWidth, dw = destinationWidth, dh = destinationHeight
        let sourceLength = sw * n, destinationLength = dw * n
        let contiguous = isContiguous
        // Scratch rows: two source rows (gathered when not contiguous), two filtered rows, one output row.
        let longest = Swift.max(sourceLength, destinationLength)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 5 * longest + 16)
        defer { scratch.deallocate() }
        let gathered = (scratch, scratch + longest)
        let filtered = (scratch + 2 * longest, scratch + 3 * longest)
        let packed = scratch + 4 * longest

        /// Source row `y`; when the channel is not contiguous it is gathered into slot `slot`.
        func sourceRow(_ y: Int, slot: Int) -> UnsafePointer<UInt8> {
            let row = sourceBase + sourceOffset + y * sourceStride
            if contiguous { return UnsafePointer(row) }
            let out = slot == 0 ? gathered.0 : gathered.1
            for x in 0..<sw {
                for c in 0..<n { out[x * n + c] = row[x * step + components[c]] }
            }
            return UnsafePointer(out)
        }
        func outputRow(_ y: Int) -> UnsafeMutablePointer<UInt8> {
            contiguous ? destinationBase + destinationOffset + y * destinationStride : packed
        }
        func finish(_ y: Int) {
            guard !contiguous else { return }
            let row = destinationBase + destinationOffset + y * destinationStride
            for x in 0..<dw {
                for c in 0..<n { row[x * step + components[c]] = packed[x * n + c] }
            }
        }
        /// Filters `row` horizontally into `out`.
        func filterRow(_ row: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) {
            switch horizontal {
            case .copy:
                out.update(from: row, count: destinationLength)
            case .halve:
                VideoScaleKernels.halve(row, into: out, n: n, width: dw)
            case .nearest(let index):
                index.withUnsafeBufferPointer { VideoScaleKernels.nearest(row, into: out, n: n, index: $0) }
            case .stepped(let index, let fraction):
                index.withUnsafeBufferPointer { index in
                    fraction.withUnsafeBufferPointer { fraction in
                        if n == 4 {
                            VideoScaleKernels.stepped4(row, into: out, index: index, fraction: fraction)
                        } else {
                            VideoScaleKernels.stepped1(row, into: out, index: index, fraction: fraction)
                        }
                    }
                }
            case .taps(let index, let first, let second, let precision):
                index.withUnsafeBufferPointer { index in
                    first.withUnsafeBufferPointer { first in
                        second.withUnsafeBufferPointer { second in
                            VideoScaleKernels.taps(row, into: out, n: n, index: index, first: first, second: second,
                                                   precision: precision)
                        }
                    }
                }
            }
        }
        /// Filters output row `y` vertically from the rows `row(i, slot)` gives, `count` bytes, into `out`.
        func filterColumn(
            _ y: Int, count: Int, into out: UnsafeMutablePointer<UInt8>,
            _ row: (_ index: Int, _ slot: Int) -> UnsafePointer<UInt8>
        ) {
            switch vertical {
            case .copy:
                out.update(from: row(y, 0), count: count)
            case .halve:
                VideoScaleKernels.average(row(2 * y, 0), row(2 * y + 1, 1), into: out, count: count)
            case .nearest(let index):
                out.update(from: row(Int(index[y]), 0), count: count)
            case .stepped(let index, let fraction):
                let i = Int(index[y])
                VideoScaleKernels.blend(row(i, 0), row(i + 1, 1), into: out, count: count, weight: fraction[y],
                                        rounding: 0)
            case .taps(let index, _, let second, _):
                let i = Int(index[y]), p = UInt16(second[y])
                if p == 0 {
                    out.update(from: row(i, 0), count: count)
                } else {
                    VideoScaleKernels.blend(row(i, 0), row(i + 1, 1), into: out, count: count, weight: p,
                                            rounding: 128)
                }
            }
        }

        if case .copy = vertical {
            for y in 0..<dh {
                filterRow(sourceRow(y, slot: 0), into: outputRow(y))
                finish(y)
            }
        } else if case .copy = horizontal {
            for y in 0..<dh {
                filterColumn(y, count: destinationLength, into: outputRow(y)) { sourceRow($0, slot: $1) }
                finish(y)
            }
        } else if verticalFirst {
            let column = filtered.0
            for y in 0..<dh {
                filterColumn(y, count: sourceLength, into: column) { sourceRow($0, slot: $1) }
                filterRow(column, into: outputRow(y))
                finish(y)
            }
        } else {
            // Horizontally filtered source rows, cached by source row index. Slot 0 asks for the upper row
            // of a pair (keep the one below), slot 1 for the lower (keep the one above).
            var tags = (-1, -1)
            func cached(_ i: Int, _ slot: Int) -> UnsafePointer<UInt8> {
                if tags.0 == i { return UnsafePointer(filtered.0) }
                if tags.1 == i { return UnsafePointer(filtered.1) }
                let keep = slot == 0 ? i + 1 : i - 1
                let out: UnsafeMutablePointer<UInt8>
                if tags.0 != keep {
                    tags.0 = i
                    out = filtered.0
                } else {
                    tags.1 = i
                    out = filtered.1
                }
                filterRow(sourceRow(i, slot: 0), into: out)
                return UnsafePointer(out)
            }
            for y in 0..<dh {
                filterColumn(y, count: destinationLength, into: outputRow(y), cached)
                finish(y)
            }
        }
    }
}
