import Glibc
import ParallaxCore

/// Draws videotestsrc's patterns into frames of any supported format, byte for byte as GStreamer does.
///
/// It follows GStreamer's pipeline: each row is first painted as a line of `A c1 c2 c3` pixels (ARGB for
/// RGB formats, AYUV otherwise), optionally rotated by `horizontal-speed`, then packed into the format's
/// planes. Chroma of 4:2:2 and 4:2:0 formats is filtered the way GStreamer's chroma resampler does it:
/// averaged over pixel pairs (and row pairs) for standard definition, a 1-2-1 filter on co-sited samples for
/// HD.
///
/// Speed comes from not repeating work: a pattern tells for each row a *key*, and a row whose key equals
/// the previous row's is copied (32-byte vector moves from the row just written, still in cache) instead of
/// painted and packed; bars, solid colours and the ball's background are a few distinct rows. Lines are
/// filled with `update(repeating:)`. Static patterns computed per pixel (circular, pinwheel, spokes) are
/// drawn once and copied.
/// ```
/// row 0   paint ─► pack ─► frame row 0
/// row 1   same key ───────► memcpy(row 0)
/// ```
/// Thread: the source's streaming thread.
struct VideoTestPainter: Sendable {
    /// How chroma is subsampled.
    enum Subsampling: Sendable {
        /// Every pixel has its own chroma (RGB, Y444, GRAY8).
        case none
        /// One chroma sample per two pixels (YUY2, UYVY).
        case horizontal
        /// One chroma sample per 2×2 pixels (I420, YV12, NV12, NV21).
        case both
    }

    /// What one frame looks like.
    struct Frame: Sendable {
        var pattern: VideoTestSource.Pattern
        var foreground: UInt32
        var background: UInt32
        /// Frames produced before this one (GStreamer's `n_frames`).
        var number: Int
        /// The frame's timestamp (for `animation-mode=running-time`).
        var pts: ClockTime
        var horizontalSpeed: Int
        var animationMode: VideoTestSource.AnimationMode
        var motion: VideoTestSource.Motion
        var flip: Bool
    }

    /// Per-frame values derived from a `Frame`.
    private struct Prepared {
        var palette: [VideoTestColor]
        var foreground: VideoTestColor
        var background: VideoTestColor
        var ballX = 0.0
        var ballY = 0.0
        var ballRadius = 20
        var sweep = false
    }

    let info: VideoInfo
    let rgb: Bool
    let bt601: Bool
    let cosited: Bool
    let subsampling: Subsampling
    private var scratch: VideoTestScratch

    /// A painter for frames described by `info`. `colorimetry` and `chromaSite` are the caps fields of the
    /// same names, if present; without them GStreamer's defaults for the frame height apply.
    init(info: VideoInfo, colorimetry: String? = nil, chromaSite: String? = nil) {
        self.info = info
        let format = info.format
        rgb = !format.isYUV && format != .gray8
        if let colorimetry {
            bt601 = colorimetry == "bt601" || colorimetry.split(separator: ":").dropFirst().first == "4"
        } else {
            bt601 = !format.isYUV || info.height <= 576
        }
        if let chromaSite {
            cosited = chromaSite == "mpeg2" || chromaSite == "dv" || chromaSite == "h-cosited"
                || chromaSite == "cosited"
        } else {
            cosited = info.height > 576
        }
        switch format {
        case .i420, .yv12, .nv12, .nv21, .i420_10le: subsampling = .both
        case .yuy2, .uyvy: subsampling = .horizontal
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8, .y444: subsampling = .none
        }
        scratch = VideoTestScratch(width: info.width, frameSize: info.size)
    }

    /// Whether `frame` looks the same whatever its number or time, so it can be drawn once and copied.
    static func isStatic(_ frame: Frame) -> Bool {
        switch frame.pattern {
        case .smpte, .snow, .blink, .ball: false
        default: frame.horizontalSpeed == 0
        }
    }

    /// Whether drawing `frame` costs more than copying a whole frame: static patterns computed per pixel.
    /// The others are drawn afresh, which (a few painted rows, the rest copied from a row in cache) is
    /// faster than copying a cached frame through memory.
    static func isWorthCaching(_ frame: Frame) -> Bool {
        switch frame.pattern {
        case .circular, .pinwheel, .spokes: isStatic(frame)
        default: false
        }
    }

    /// Draws `frame` into `output` (at least `info.size` bytes). `randomState` is the element's noise
    /// generator state (GStreamer's `random_state`), advanced by noisy patterns.
    mutating func render(_ frame: Frame, into output: UnsafeMutableRawPointer, randomState: inout UInt32) {
        if !isKnownUniquelyReferenced(&scratch) { scratch = scratch.copy() }
        if Self.isWorthCaching(frame) {
            if !scratch.frameIsValid {
                draw(frame, into: scratch.frame, randomState: &randomState)
                scratch.frameIsValid = true
            }
            Self.copyBytes(to: output, from: scratch.frame, count: info.size)
        } else {
            draw(frame, into: output, randomState: &randomState)
        }
    }

    /// Forgets the cached static frame (after a property change).
    mutating func invalidate() {
        if !isKnownUniquelyReferenced(&scratch) { scratch = scratch.copy() }
        scratch.frameIsValid = false
    }

    // MARK: - Frame loop

    private func draw(_ frame: Frame, into output: UnsafeMutableRawPointer, randomState: inout UInt32) {
        let prepared = prepare(frame)
        let width = info.width
        var xOffset = width > 0 ? (frame.horizontalSpeed &* frame.number) % width : 0
        if xOffset < 0 { xOffset += width }
        switch subsampling {
        case .none, .horizontal:
            for y in 0..<info.height {
                if let key = lineKey(y, frame, prepared),
                   let earlier = (1...Swift.min(Self.lookBack, Swift.max(y, 1))).first(where: {
                       y - $0 >= 0 && lineKey(y - $0, frame, prepared) == key
                   }) {
                    copyRows(from: y - earlier, to: y, in: output)
                    continue
                }
                let line = paintLine(y, frame, prepared, xOffset: xOffset, randomState: &randomState)
                packRow(line, y, into: output)
            }
        case .both where info.format == .i420_10le:
            drawTenBit(frame, prepared, xOffset: xOffset, into: output, randomState: &randomState)
        case .both:
            for pair in 0..<((info.height + 1) / 2) {
                let a = 2 * pair, b = Swift.min(a + 1, info.height - 1)
                let keys = pairKeys(pair, frame, prepared)
                if let keyA = keys.0, let keyB = keys.1,
                   let earlier = (1...Swift.min(Self.lookBack, Swift.max(pair, 1))).first(where: {
                       pair - $0 >= 0 && pairKeys(pair - $0, frame, prepared) == (keyA, keyB)
                   }) {
                    copyRows(from: a - 2 * earlier, to: a, in: output)
                    if b != a { copyRows(from: b - 2 * earlier, to: b, in: output) }
                    copyChromaRow(from: pair - earlier, to: pair, in: output)
                } else {
                    let lineA = paintLine(a, frame, prepared, xOffset: xOffset, randomState: &randomState)
                    packLuma(lineA, a, into: output)
                    scratch.lineA.update(from: lineA, count: info.width)
                    if b != a {
                        let lineB = paintLine(b, frame, prepared, xOffset: xOffset, randomState: &randomState)
                        packLuma(lineB, b, into: output)
                        averageChromaRows(scratch.lineA, lineB)
                    }
                    resampleChroma(scratch.lineA)
                    packChroma(scratch.lineA, row: pair, into: output)
                }
            }
            // GStreamer's default layout rounds the luma plane up to an even number of rows.
            if info.height % 2 == 1 {
                (output + info.offsets[0] + info.height * info.strides[0])
                    .initializeMemory(as: UInt8.self, repeating: 0, count: info.strides[0])
            }
        }
    }

    private func prepare(_ frame: Frame) -> Prepared {
        var foreground = VideoTestColor(argb: frame.foreground, bt601: bt601)
        var background = VideoTestColor(argb: frame.background, bt601: bt601)
        var prepared = Prepared(
            palette: VideoTestColor.palette(bt601: bt601, full: frame.pattern != .smpte75),
            foreground: foreground, background: background)
        if frame.pattern == .ball {
            let w = Double(info.width), h = Double(info.height)
            var angle: Double
            let flipped: Bool
            switch frame.animationMode {
            case .frames:
                angle = Double(frame.number) / 200
                flipped = (frame.number / 50) % 2 == 1
            case .wallTime:
                var now = timespec()
                clock_gettime(CLOCK_REALTIME, &now)
                let micros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
                angle = Double(micros) / 1_000_000
                flipped = (micros / 1_000_000) % 2 == 1
            case .runningTime:
                angle = Double(frame.pts.nanoseconds) / 1_000_000_000
                flipped = (frame.pts.nanoseconds / 1_000_000_000) % 2 == 1
            }
            if frame.motion == .hsweep {
                angle /= 2
                angle -= floor(2 * angle) / 2
            }
            angle *= 2 * Double.pi
            if frame.motion == .wavy {
                let radius = Double(prepared.ballRadius)
                prepared.ballX = radius + (0.5 + 0.5 * sin(angle)) * (w - 2 * radius)
                prepared.ballY = radius + (0.5 + 0.5 * sin(angle * 2.0.squareRoot())) * (h - 2 * radius)
            } else {
                prepared.ballRadius = Swift.min(info.height, info.width) / 4
                let radius = Double(prepared.ballRadius)
                prepared.ballX = Double(info.width / 2) + sin(angle) * radius
                prepared.ballY = Double(info.height / 2) - cos(angle) * radius
                prepared.sweep = true
            }
            if frame.flip, flipped { swap(&foreground, &background) }
        }
        if frame.pattern == .colors {
            let w = info.width
            for x in 0..<w { scratch.columns[x] = 0xFF | UInt32((x * 4096 / w) % 256) << 8 | UInt32(x * 16 / w) << 16 }
        }
        // The blend table: index = foreground weight.
        let fg = foreground, bg = background
        for x in 0..<256 {
            func mix(_ a: UInt8, _ b: UInt8) -> UInt32 {
                let v = Int(a) * x + Int(b) * (255 - x)
                return UInt32((v + ((v + 128) >> 8) + 128) >> 8)
            }
            let c1 = rgb ? mix(fg.r, bg.r) : mix(fg.y, bg.y)
            let c2 = rgb ? mix(fg.g, bg.g) : mix(fg.u, bg.u)
            let c3 = rgb ? mix(fg.b, bg.b) : mix(fg.v, bg.v)
            scratch.blend[x] = mix(fg.a, bg.a) | c1 << 8 | c2 << 16 | c3 << 24
        }
        return prepared
    }

    // MARK: - Patterns

    /// How many rows (or row pairs) back a repeated row is looked for.
    static let lookBack = 16

    /// The keys of the two rows of 4:2:0 row pair `pair` (the last row twice when the height is odd).
    private func pairKeys(_ pair: Int, _ frame: Frame, _ prepared: Prepared) -> (Int?, Int?) {
        let a = 2 * pair, b = Swift.min(a + 1, info.height - 1)
        let keyA = lineKey(a, frame, prepared)
        return (keyA, b == a ? keyA : lineKey(b, frame, prepared))
    }

    /// Rows with equal non-nil keys are identical (within `lookBack` rows); nil means "paint this row".
    private func lineKey(_ y: Int, _ frame: Frame, _ prepared: Prepared) -> Int? {
        let h = info.height
        switch frame.pattern {
        case .smpte:
            if y < 2 * h / 3 { return 0 }
            return y < 3 * h / 4 ? 1 : nil
        case .snow, .circular, .pinwheel, .spokes: return nil
        case .black, .white, .red, .green, .blue, .blink, .smpte75, .solidColor, .smpte100, .bar: return 0
        case .checkers1: return y & 1
        case .checkers2: return y & 2
        case .checkers4: return y & 4
        case .checkers8: return y & 8
        case .gamut: return (y * 4 / h) << 8 | (y & 16)
        case .ball:
            let radius = Double(prepared.ballRadius)
            if prepared.sweep, y == h / 2 || y == Int(prepared.ballY) { return nil }
            return Double(y) < prepared.ballY - radius || Double(y) > prepared.ballY + radius ? -1 : nil
        case .gradient: return Int(Double(y) * 255.0 / Double(h))
        case .colors: return (y * 16 / h) << 16 | (y * 4096 / h) % 256
        }
    }

    /// Paints row `y` into the paint line and returns the line to pack (rotated when scrolling).
    private func paintLine(
        _ y: Int, _ frame: Frame, _ prepared: Prepared, xOffset: Int, randomState: inout UInt32
    ) -> UnsafeMutablePointer<UInt32> {
        let w = info.width, h = info.height
        let line = scratch.paint
        let palette = prepared.palette
        func fill(_ x: Int, _ count: Int, _ color: VideoTestColor) {
            guard count > 0 else { return }
            (line + x).update(repeating: color.pixel(rgb: rgb), count: count)
        }
        func bars(_ pick: (Int) -> Int) {
            for i in 0..<7 { fill(i * w / 7, (i + 1) * w / 7 - i * w / 7, palette[pick(i)]) }
        }
        switch frame.pattern {
        case .smpte:
            if y < 2 * h / 3 {
                bars { $0 }
            } else if y < 3 * h / 4 {
                bars { $0 & 1 == 1 ? VideoTestColor.Index.black.rawValue : 6 - $0 }
            } else {
                let regions: [VideoTestColor.Index] = [.negativeI, .white, .positiveQ]
                for i in 0..<3 { fill(i * w / 6, (i + 1) * w / 6 - i * w / 6, palette[regions[i].rawValue]) }
                let blacks: [VideoTestColor.Index] = [.superBlack, .black, .darkGrey]
                for i in 0..<3 {
                    fill(w / 2 + i * w / 12, (i + 1) * w / 12 - i * w / 12, palette[blacks[i].rawValue])
                }
                let x1 = w * 3 / 4
                for x in x1..<w { scratch.alpha[x] = Self.randomByte(&randomState) }
                blend(from: x1, to: w)
            }
        case .smpte75, .smpte100:
            bars { $0 }
        case .snow:
            for x in 0..<w { scratch.alpha[x] = Self.randomByte(&randomState) }
            blend(from: 0, to: w)
        case .black: fill(0, w, prepared.background)
        case .white, .solidColor: fill(0, w, prepared.foreground)
        case .red: fill(0, w, palette[VideoTestColor.Index.red.rawValue])
        case .green: fill(0, w, palette[VideoTestColor.Index.green.rawValue])
        case .blue: fill(0, w, palette[VideoTestColor.Index.blue.rawValue])
        case .blink: fill(0, w, frame.number & 1 == 1 ? prepared.foreground : prepared.background)
        case .bar:
            fill(0, w / 7, prepared.foreground)
            fill(w / 7, w - w / 7, prepared.background)
        case .checkers1, .checkers2, .checkers4, .checkers8:
            let size = frame.pattern == .checkers1 ? 1 : frame.pattern == .checkers2 ? 2
                : frame.pattern == .checkers4 ? 4 : 8
            let green = palette[VideoTestColor.Index.green.rawValue], red = palette[VideoTestColor.Index.red.rawValue]
            for x in stride(from: 0, to: w, by: size) {
                fill(x, Swift.min(size, w - x), (x ^ y) & size != 0 ? green : red)
            }
        case .gamut:
            var primary: VideoTestColor, secondary: VideoTestColor
            switch y * 4 / h {
            case 0:
                primary = palette[VideoTestColor.Index.black.rawValue]
                secondary = primary
                secondary.y = 0
            case 1:
                primary = palette[VideoTestColor.Index.white.rawValue]
                secondary = primary
                secondary.y = 255
            case 2:
                primary = palette[VideoTestColor.Index.red.rawValue]
                secondary = primary
                secondary.v = 255
            default:
                primary = palette[VideoTestColor.Index.blue.rawValue]
                secondary = primary
                secondary.u = 255
            }
            for x in stride(from: 0, to: w, by: 8) {
                fill(x, Swift.min(8, w - x), (x ^ y) & 16 != 0 ? primary : secondary)
            }
        case .circular:
            paintCircular(y)
            blend(from: 0, to: w)
        case .ball:
            paintBall(y, prepared)
            blend(from: 0, to: w)
        case .pinwheel:
            paintPinwheel(y)
            blend(from: 0, to: w)
        case .spokes:
            paintSpokes(y)
            blend(from: 0, to: w)
        case .gradient:
            line.update(repeating: scratch.blend[Int(Double(y) * 255.0 / Double(h))], count: w)
        case .colors:
            let rowBits = UInt32(((y * 16 / h) << 4) & 0xFF) << 16 | UInt32((y * 4096 / h) % 256) << 24
            let columns = scratch.columns
            for x in 0..<w { line[x] = columns[x] | rowBits }
        }
        guard xOffset != 0 else { return line }
        let rotated = scratch.rotated
        rotated.update(from: line + xOffset, count: w - xOffset)
        (rotated + (w - xOffset)).update(from: line, count: xOffset)
        return rotated
    }

    /// GStreamer's noise generator: a linear congruential generator, one byte per call.
    static func randomByte(_ state: inout UInt32) -> UInt8 {
        state = state &* 1_103_515_245 &+ 12345
        return UInt8(truncatingIfNeeded: state >> 16)
    }

    /// Mixes foreground and background into the paint line by the alpha line, for pixels `x1..<x2`.
    private func blend(from x1: Int, to x2: Int) {
        let line = scratch.paint, alpha = scratch.alpha, table = scratch.blend
        for x in x1..<x2 { line[x] = table[Int(alpha[x])] }
    }

    private func paintCircular(_ y: Int) {
        let w = info.width, h = info.height
        var frequency = [Double](repeating: 0, count: 8)
        for i in 1..<8 { frequency[i] = 200 * pow(2.0, Double(-(i - 1)) / 4.0) }
        for x in 0..<w {
            let dx = 2 * x - w, dy = 2 * y - h
            let distance = Double(dx * dx + dy * dy).squareRoot() / Double(2 * w)
            let segment = Int(floor(distance * 16))
            if segment == 0 || segment >= 8 {
                scratch.alpha[x] = 0
            } else {
                let d = Int(floor(256 * distance * frequency[segment] + 0.5))
                scratch.alpha[x] = VideoTestColor.sineTable[d & 0xFF]
            }
        }
    }

    private func paintBall(_ row: Int, _ prepared: Prepared) {
        let w = info.width, h = info.height
        let x = prepared.ballX, y = prepared.ballY, radius = prepared.ballRadius
        let alpha = scratch.alpha
        let i = Double(row)
        if i < y - Double(radius) || i > y + Double(radius) {
            alpha.update(repeating: 0, count: w)
        } else {
            let o = Swift.max(0, Double(radius * radius) - (i - y) * (i - y))
            let r = Double(Int(rint(o.squareRoot())))
            let first = Int(Swift.max(0, x - r))
            alpha.update(repeating: 0, count: Swift.min(first, w))
            let last = Int(Swift.min(Double(w), x + r + 1))
            if first < last {
                for j in first..<last {
                    let dx = Double(j) - x
                    var rr = Double(radius) - (dx * dx + (i - y) * (i - y)).squareRoot()
                    rr *= 0.5
                    alpha[j] = UInt8(Swift.min(Swift.max(Int(floor(256 * rr)), 0), 255))
                }
            }
            let tail = Swift.max(last, 0)
            if tail < w { (alpha + tail).update(repeating: 0, count: w - tail) }
        }
        if prepared.sweep {
            alpha[w / 2] = 255
            let column = Int(x)
            if column >= 0 && column < w { alpha[column] = 255 }
            if row == h / 2 || row == Int(y) { alpha.update(repeating: 255, count: w) }
        }
    }

    private func paintPinwheel(_ y: Int) {
        let w = info.width, h = info.height
        for x in 0..<w {
            var value = 0.0
            for k in 0..<19 {
                let theta = Double.pi / 19 * Double(k)
                var t = cos(theta) * (Double(x) - 0.5 * Double(w)) + sin(theta) * (Double(y) - 0.5 * Double(h))
                t = Swift.min(Swift.max(t, -1), 1)
                value += k & 1 == 1 ? -t : t
            }
            scratch.alpha[x] = UInt8(Swift.min(Swift.max(rint(value * 128 + 128), 0), 255))
        }
    }

    private func paintSpokes(_ y: Int) {
        let w = info.width, h = info.height
        for x in 0..<w {
            var value = 0.0
            for k in 0..<19 {
                let theta = Double.pi / 19 * Double(k)
                var t = cos(theta) * (Double(x) - 0.5 * Double(w)) + sin(theta) * (Double(y) - 0.5 * Double(h))
                t = 2.0 * 0.5 - abs(t)
                value += Swift.min(Swift.max(t + 0.5, 0), 1)
            }
            scratch.alpha[x] = UInt8(Swift.min(Swift.max(rint(value * 255), 0), 255))
        }
    }

    // MARK: - Chroma filtering (GStreamer's GstVideoChromaResample, 8-bit AYUV lines)

    /// Averages the chroma of `a` with `b` into `a` (vertical 2:1 downsampling).
    /// Draws an `I420_10LE` frame as GStreamer's generic path does: each 8-bit sample widened to 16 bits
    /// (`v << 8 | v`), chroma averaged over the row pair and filtered 2:1 as for 8-bit 4:2:0 but at 16 bits, and
    /// every sample stored as its top 10 bits.
    private func drawTenBit(
        _ frame: Frame, _ prepared: Prepared, xOffset: Int, into output: UnsafeMutableRawPointer,
        randomState: inout UInt32
    ) {
        let width = info.width
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * Swift.max(width, 1)) { chroma in
            guard let u = chroma.baseAddress else { return }
            let v = u + width
            for pair in 0..<((info.height + 1) / 2) {
                let a = 2 * pair, b = Swift.min(a + 1, info.height - 1)
                let lineA = paintLine(a, frame, prepared, xOffset: xOffset, randomState: &randomState)
                packLuma10(lineA, a, into: output)
                for x in 0..<width {
                    u[x] = (lineA[x] >> 16 & 0xFF) * 257
                    v[x] = (lineA[x] >> 24) * 257
                }
                if b != a {
                    let lineB = paintLine(b, frame, prepared, xOffset: xOffset, randomState: &randomState)
                    packLuma10(lineB, b, into: output)
                    for x in 0..<width {
                        u[x] = (u[x] + (lineB[x] >> 16 & 0xFF) * 257 + 1) >> 1
                        v[x] = (v[x] + (lineB[x] >> 24) * 257 + 1) >> 1
                    }
                }
                resampleChroma16(u)
                resampleChroma16(v)
                for (plane, samples) in [(1, u), (2, v)] {
                    let row = output + info.offsets[plane] + pair * info.strides[plane]
                    let count = (width + 1) / 2
                    for i in 0..<count {
                        let sample = UInt16(samples[2 * i] >> 6).littleEndian
                        row.storeBytes(of: sample, toByteOffset: 2 * i, as: UInt16.self)
                    }
                    let padding = info.strides[plane] - 2 * count
                    if padding > 0 { (row + 2 * count).initializeMemory(as: UInt8.self, repeating: 0, count: padding) }
                }
            }
        }
        if info.height % 2 == 1 {
            (output + info.offsets[0] + info.height * info.strides[0])
                .initializeMemory(as: UInt8.self, repeating: 0, count: info.strides[0])
        }
    }

    /// Packs a row of 10-bit luma: the top 10 bits of each sample widened to 16 bits.
    private func packLuma10(_ line: UnsafeMutablePointer<UInt32>, _ y: Int, into output: UnsafeMutableRawPointer) {
        let w = info.width, stride = info.strides[0]
        let row = output + info.offsets[0] + y * stride
        for x in 0..<w {
            let sample = line[x] >> 8 & 0xFF
            row.storeBytes(of: UInt16(sample << 2 | sample >> 6).littleEndian, toByteOffset: 2 * x, as: UInt16.self)
        }
        if stride > 2 * w { (row + 2 * w).initializeMemory(as: UInt8.self, repeating: 0, count: stride - 2 * w) }
    }

    /// `resampleChroma` for one component of 16-bit samples.
    private func resampleChroma16(_ c: UnsafeMutablePointer<UInt32>) {
        let w = info.width
        if cosited {
            guard w >= 2 else { return }
            c[0] = (3 * c[0] + c[1] + 2) >> 2
            var i = 2
            while i < w - 2 {
                c[i] = (c[i - 1] + 2 * c[i] + c[i + 1] + 2) >> 2
                i += 2
            }
            if i < w { c[i] = (c[i - 1] + 3 * c[i] + 2) >> 2 }
        } else {
            var i = 0
            while i < w - 1 {
                c[i] = (c[i] + c[i + 1] + 1) >> 1
                i += 2
            }
        }
    }

    private func averageChromaRows(_ a: UnsafeMutablePointer<UInt32>, _ b: UnsafeMutablePointer<UInt32>) {
        for x in 0..<info.width {
            let p = a[x], q = b[x]
            let u = ((p >> 16 & 0xFF) + (q >> 16 & 0xFF) + 1) >> 1
            let v = ((p >> 24) + (q >> 24) + 1) >> 1
            a[x] = p & 0xFFFF | u << 16 | v << 24
        }
    }

    /// Filters chroma horizontally 2:1 into the even pixels of `line`.
    private func resampleChroma(_ line: UnsafeMutablePointer<UInt32>) {
        let w = info.width
        @inline(__always) func u(_ i: Int) -> UInt32 { line[i] >> 16 & 0xFF }
        @inline(__always) func v(_ i: Int) -> UInt32 { line[i] >> 24 }
        @inline(__always) func set(_ i: Int, _ u: UInt32, _ v: UInt32) {
            line[i] = line[i] & 0xFFFF | u << 16 | v << 24
        }
        if cosited {
            guard w >= 2 else { return }
            set(0, (3 * u(0) + u(1) + 2) >> 2, (3 * v(0) + v(1) + 2) >> 2)
            var i = 2
            while i < w - 2 {
                set(i, (u(i - 1) + 2 * u(i) + u(i + 1) + 2) >> 2, (v(i - 1) + 2 * v(i) + v(i + 1) + 2) >> 2)
                i += 2
            }
            if i < w { set(i, (u(i - 1) + 3 * u(i) + 2) >> 2, (v(i - 1) + 3 * v(i) + 2) >> 2) }
        } else {
            var i = 0
            while i < w - 1 {
                set(i, (u(i) + u(i + 1) + 1) >> 1, (v(i) + v(i + 1) + 1) >> 1)
                i += 2
            }
        }
    }

    // MARK: - Packing

    /// Packs a full row of a format without vertical subsampling.
    private func packRow(_ line: UnsafeMutablePointer<UInt32>, _ y: Int, into output: UnsafeMutableRawPointer) {
        let w = info.width
        let stride = info.strides[0]
        let row = (output + info.offsets[0] + y * stride).assumingMemoryBound(to: UInt8.self)
        var used = w
        switch info.format {
        case .i420_10le: break  // drawn by drawTenBit
        case .rgba, .rgbx:
            let out = UnsafeMutableRawPointer(row)
            for x in 0..<w {
                let p = line[x]
                out.storeBytes(of: (p >> 8 | p << 24).littleEndian, toByteOffset: x * 4, as: UInt32.self)
            }
            used = w * 4
        case .bgra, .bgrx:
            let out = UnsafeMutableRawPointer(row)
            for x in 0..<w {
                out.storeBytes(of: line[x].byteSwapped.littleEndian, toByteOffset: x * 4, as: UInt32.self)
            }
            used = w * 4
        case .rgb, .bgr:
            let swapRB = info.format == .bgr
            for x in 0..<w {
                let p = line[x]
                let c1 = UInt8(truncatingIfNeeded: p >> 8), c2 = UInt8(truncatingIfNeeded: p >> 16)
                let c3 = UInt8(truncatingIfNeeded: p >> 24)
                row[3 * x] = swapRB ? c3 : c1
                row[3 * x + 1] = c2
                row[3 * x + 2] = swapRB ? c1 : c3
            }
            used = w * 3
        case .gray8:
            for x in 0..<w { row[x] = UInt8(truncatingIfNeeded: line[x] >> 8) }
        case .y444:
            let u = (output + info.offsets[1] + y * info.strides[1]).assumingMemoryBound(to: UInt8.self)
            let v = (output + info.offsets[2] + y * info.strides[2]).assumingMemoryBound(to: UInt8.self)
            for x in 0..<w {
                let p = line[x]
                row[x] = UInt8(truncatingIfNeeded: p >> 8)
                u[x] = UInt8(truncatingIfNeeded: p >> 16)
                v[x] = UInt8(truncatingIfNeeded: p >> 24)
            }
            if stride > w {
                (u + w).update(repeating: 0, count: info.strides[1] - w)
                (v + w).update(repeating: 0, count: info.strides[2] - w)
            }
        case .yuy2, .uyvy:
            let chroma = scratch.lineA
            chroma.update(from: line, count: w)
            resampleChroma(chroma)
            let yFirst = info.format == .yuy2
            var x = 0
            while x < w {
                let p = chroma[x]
                let y0 = UInt8(truncatingIfNeeded: p >> 8)
                let y1 = x + 1 < w ? UInt8(truncatingIfNeeded: chroma[x + 1] >> 8) : 0
                let u = UInt8(truncatingIfNeeded: p >> 16), v = UInt8(truncatingIfNeeded: p >> 24)
                let o = 2 * x
                if yFirst {
                    row[o] = y0
                    row[o + 1] = u
                    row[o + 2] = y1
                    row[o + 3] = v
                } else {
                    row[o] = u
                    row[o + 1] = y0
                    row[o + 2] = v
                    row[o + 3] = y1
                }
                x += 2
            }
            used = (w + 1) / 2 * 4
        case .i420, .yv12, .nv12, .nv21:
            packLuma(line, y, into: output)
            return
        }
        if stride > used { (row + used).update(repeating: 0, count: stride - used) }
    }

    /// Packs the luma row `y` of a 4:2:0 format.
    private func packLuma(_ line: UnsafeMutablePointer<UInt32>, _ y: Int, into output: UnsafeMutableRawPointer) {
        let w = info.width, stride = info.strides[0]
        let row = (output + info.offsets[0] + y * stride).assumingMemoryBound(to: UInt8.self)
        for x in 0..<w { row[x] = UInt8(truncatingIfNeeded: line[x] >> 8) }
        if stride > w { (row + w).update(repeating: 0, count: stride - w) }
    }

    /// Packs chroma row `row` of a 4:2:0 format from the filtered `line` (samples at even pixels).
    private func packChroma(_ line: UnsafeMutablePointer<UInt32>, row: Int, into output: UnsafeMutableRawPointer) {
        let samples = (info.width + 1) / 2
        switch info.format {
        case .i420, .yv12:
            let uPlane = info.format == .i420 ? 1 : 2, vPlane = info.format == .i420 ? 2 : 1
            let u = (output + info.offsets[uPlane] + row * info.strides[uPlane]).assumingMemoryBound(to: UInt8.self)
            let v = (output + info.offsets[vPlane] + row * info.strides[vPlane]).assumingMemoryBound(to: UInt8.self)
            for i in 0..<samples {
                let p = line[2 * i]
                u[i] = UInt8(truncatingIfNeeded: p >> 16)
                v[i] = UInt8(truncatingIfNeeded: p >> 24)
            }
            let pad = info.strides[1] - samples
            if pad > 0 {
                (u + samples).update(repeating: 0, count: pad)
                (v + samples).update(repeating: 0, count: pad)
            }
        default:
            let uv = (output + info.offsets[1] + row * info.strides[1]).assumingMemoryBound(to: UInt8.self)
            let vFirst = info.format == .nv21
            for i in 0..<samples {
                let p = line[2 * i]
                let u = UInt8(truncatingIfNeeded: p >> 16), v = UInt8(truncatingIfNeeded: p >> 24)
                uv[2 * i] = vFirst ? v : u
                uv[2 * i + 1] = vFirst ? u : v
            }
            let pad = info.strides[1] - 2 * samples
            if pad > 0 { (uv + 2 * samples).update(repeating: 0, count: pad) }
        }
    }

    /// Copies every plane's row `source` to row `target` (formats whose planes all have full height, and the
    /// luma plane of 4:2:0 formats).
    private func copyRows(from source: Int, to target: Int, in output: UnsafeMutableRawPointer) {
        let planes = subsampling == .both ? 1 : info.strides.count
        for plane in 0..<planes {
            let stride = info.strides[plane], base = output + info.offsets[plane]
            Self.copyBytes(to: base + target * stride, from: base + source * stride, count: stride)
        }
    }

    /// Copies chroma row `source` to row `target` of a 4:2:0 format.
    private func copyChromaRow(from source: Int, to target: Int, in output: UnsafeMutableRawPointer) {
        for plane in 1..<info.strides.count {
            let stride = info.strides[plane], base = output + info.offsets[plane]
            Self.copyBytes(to: base + target * stride, from: base + source * stride, count: stride)
        }
    }

    /// Copies `count` bytes between non-overlapping regions with 32-byte vector moves.
    ///
    /// For row-sized copies from a row still in cache this is several times faster than `memcpy` on the
    /// project's machines, whose `rep movsb` path is slow for blocks of a few kilobytes.
    @inline(__always)
    static func copyBytes(to target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, count: Int) {
        var i = 0
        while i + 32 <= count {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self),
                              toByteOffset: i, as: SIMD32<UInt8>.self)
            i += 32
        }
        while i < count {
            target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            i += 1
        }
    }
}
