import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct VideoScaleTests {
    // MARK: - Helpers

    /// Caps for a `format` frame of `width × height`.
    static func caps(_ format: VideoFormat, _ width: Int, _ height: Int) -> Caps {
        VideoInfo(format: format, width: width, height: height).caps
    }

    /// A frame whose rows (padding included) are filled from `rows[plane][y]`, repeated when short.
    static func frame(_ info: VideoInfo, _ byte: (_ plane: Int, _ x: Int, _ y: Int) -> UInt8) -> Buffer {
        var bytes = [UInt8](repeating: 0, count: info.size)
        for plane in 0..<info.strides.count {
            let end = plane + 1 < info.offsets.count ? info.offsets[plane + 1] : info.size
            let rows = (end - info.offsets[plane]) / info.strides[plane]
            for y in 0..<rows {
                for x in 0..<info.strides[plane] {
                    bytes[info.offsets[plane] + y * info.strides[plane] + x] = byte(plane, x, y)
                }
            }
        }
        return Buffer(copying: bytes)
    }

    /// Scales one frame from `input` to `output` caps and returns it as a `VideoFrame`.
    static func scale(
        _ buffer: Buffer, from input: VideoInfo, to width: Int, _ height: Int, method: VideoScale.Method
    ) throws -> VideoFrame {
        var element = VideoScale()
        element.method = method
        let outputInfo = VideoInfo(format: input.format, width: width, height: height, framerate: input.framerate)
        let harness = try ElementHarness(element, inputCaps: input.caps, outputCaps: outputInfo.caps)
        #expect(harness.outputCaps == outputInfo.caps)
        #expect(try harness.push(buffer) == .ok)
        let output = try #require(harness.pull())
        try harness.finish()
        #expect(output.length == outputInfo.size)
        return try #require(VideoFrame(buffer: output, info: outputInfo))
    }

    /// The first `width` bytes of each of the `height` rows of plane 0.
    static func rows(_ frame: VideoFrame, width: Int, height: Int) -> [[UInt8]] {
        (0..<height).map { y in (0..<width).map { x in frame.pixel(x: x, y: y) } }
    }

    /// GRAY8 4×4 with value 10·x + 40·y.
    static let gray4x4 = VideoInfo(format: .gray8, width: 4, height: 4)
    static func grayRamp() -> Buffer { frame(gray4x4) { _, x, y in UInt8(10 * Swift.min(x, 3) + 40 * y) } }

    /// GRAY8 2×2: [0, 40; 80, 120].
    static let gray2x2 = VideoInfo(format: .gray8, width: 2, height: 2)
    static func graySmall() -> Buffer { frame(gray2x2) { _, x, y in UInt8(40 * Swift.min(x, 1) + 80 * y) } }

    // MARK: - Known images

    @Test func bilinearHalvesGray8ByAveraging() throws {
        let out = try Self.scale(Self.grayRamp(), from: Self.gray4x4, to: 2, 2, method: .bilinear)
        #expect(Self.rows(out, width: 2, height: 2) == [[25, 45], [105, 125]])
    }

    @Test func nearestHalvesGray8ByPickingCentres() throws {
        let out = try Self.scale(Self.grayRamp(), from: Self.gray4x4, to: 2, 2, method: .nearestNeighbour)
        #expect(Self.rows(out, width: 2, height: 2) == [[50, 70], [130, 150]])
    }

    /// GStreamer's bilinear: columns from its 16.16 accumulator (end samples aligned, step ⌊2¹⁶/3⌋ − 1, 8-bit
    /// fraction truncated: 0, 85/256, 170/256, 255/256 of the way), rows from its resampler (centres aligned,
    /// weights 0, ¼, ¾, 1 in 8 bits, rounded).
    @Test func bilinearDoublesGray8() throws {
        let out = try Self.scale(Self.graySmall(), from: Self.gray2x2, to: 4, 4, method: .bilinear)
        #expect(Self.rows(out, width: 4, height: 4) == [
            [0, 13, 26, 39], [20, 33, 46, 59], [60, 73, 86, 99], [80, 93, 106, 119],
        ])
    }

    @Test func nearestDoublesGray8ByRepeating() throws {
        let out = try Self.scale(Self.graySmall(), from: Self.gray2x2, to: 4, 4, method: .nearestNeighbour)
        #expect(Self.rows(out, width: 4, height: 4) == [
            [0, 0, 40, 40], [0, 0, 40, 40], [80, 80, 120, 120], [80, 80, 120, 120],
        ])
    }

    /// Packed RGB is not averaged in pairs as planes are: rows are blended half and half, columns come from
    /// GStreamer's accumulator (pixel 0, then pixel 2 with 255/256 of pixel 3).
    @Test func bilinearHalvesRGBA() throws {
        let info = VideoInfo(format: .rgba, width: 4, height: 4)
        let input = Self.frame(info) { _, x, y in UInt8(10 * (x / 4) + 40 * y + x % 4) }
        let out = try Self.scale(input, from: info, to: 2, 2, method: .bilinear)
        #expect(Self.rows(out, width: 8, height: 2) == [
            [20, 21, 22, 23, 49, 50, 51, 52], [100, 101, 102, 103, 129, 130, 131, 132],
        ])
    }

    @Test func nearestDoublesRGBA() throws {
        let info = VideoInfo(format: .rgba, width: 2, height: 2)
        let input = Self.frame(info) { _, x, y in UInt8(40 * (x / 4) + 80 * y + x % 4) }
        let out = try Self.scale(input, from: info, to: 4, 4, method: .nearestNeighbour)
        let top: [UInt8] = [0, 1, 2, 3, 0, 1, 2, 3, 40, 41, 42, 43, 40, 41, 42, 43]
        let bottom = top.map { $0 + 80 }
        #expect(Self.rows(out, width: 16, height: 4) == [top, top, bottom, bottom])
    }

    // MARK: - Plane sizes

    @Test func i420ChromaIsScaledAtHalfSize() throws {
        let info = VideoInfo(format: .i420, width: 7, height: 5)
        let input = Self.frame(info) { plane, _, _ in [16, 128, 240][plane] }
        let out = try Self.scale(input, from: info, to: 3, 3, method: .bilinear)
        #expect(out.planeCount == 3)
        #expect(out.strides == [4, 4, 4])
        #expect((0..<3).map { out.planeHeight($0) } == [4, 2, 2])
        #expect(Self.rows(out, width: 3, height: 3) == Array(repeating: [16, 16, 16], count: 3))
        for y in 0..<2 {
            for x in 0..<2 {
                #expect(out.pixel(x: x, y: y, plane: 1) == 128)
                #expect(out.pixel(x: x, y: y, plane: 2) == 240)
            }
        }
    }

    @Test func nv12KeepsInterleavedChroma() throws {
        let info = VideoInfo(format: .nv12, width: 7, height: 5)
        let input = Self.frame(info) { plane, x, _ in plane == 0 ? 16 : (x % 2 == 0 ? 100 : 200) }
        let out = try Self.scale(input, from: info, to: 3, 3, method: .bilinear)
        #expect(out.planeCount == 2)
        #expect(out.planeHeight(1) == 2)
        for y in 0..<2 {
            #expect((0..<4).map { out.pixel(x: $0, y: y, plane: 1) } == [100, 200, 100, 200])
        }
    }

    @Test(arguments: VideoFormat.eightBitFormats)
    func constantColourStaysConstant(format: VideoFormat) throws {
        let info = VideoInfo(format: format, width: 7, height: 5)
        // Each byte's value depends only on its plane and its position within a pixel (component).
        func value(_ plane: Int, _ x: Int) -> UInt8 {
            switch format {
            case .yuy2: [50, 100, 50, 200][x % 4]
            case .uyvy: [100, 50, 200, 50][x % 4]
            case .nv12, .nv21: plane == 0 ? 50 : (x % 2 == 0 ? 100 : 200)
            case .i420, .yv12, .y444: [50, 100, 200][plane]
            default: UInt8(30 + 40 * (x % format.pixelStride))
            }
        }
        let input = Self.frame(info) { plane, x, _ in value(plane, x) }
        for method in VideoScale.Method.allCases {
            for (width, height) in [(3, 3), (12, 9), (7, 5), (2, 1)] {
                let out = try Self.scale(input, from: info, to: width, height, method: method)
                let hw = (width + 1) / 2, hh = (height + 1) / 2
                // Valid bytes per row and rows, per plane.
                let planes: [(bytes: Int, rows: Int)] = switch format {
                case .i420, .yv12: [(width, height), (hw, hh), (hw, hh)]
                case .nv12, .nv21: [(width, height), (2 * hw, hh)]
                case .y444: Array(repeating: (width, height), count: 3)
                case .yuy2, .uyvy: [(4 * hw, height)]
                default: [(width * format.pixelStride, height)]
                }
                var mismatches = 0
                for (plane, size) in planes.enumerated() {
                    for y in 0..<size.rows {
                        for x in 0..<size.bytes {
                            // The unused luma sample of the last YUY2/UYVY pair at odd widths.
                            if format == .yuy2 || format == .uyvy, width % 2 == 1, x == 2 * width - (format == .yuy2 ? 0 : -1) {
                                continue
                            }
                            if out.pixel(x: x, y: y, plane: plane) != value(plane, x) { mismatches += 1 }
                        }
                    }
                }
                #expect(mismatches == 0, "\(format) \(method) → \(width)×\(height)")
            }
        }
    }

    @Test func equalSizesCopyTheFrame() throws {
        let info = VideoInfo(format: .i420, width: 6, height: 4)
        let input = Self.frame(info) { plane, x, y in UInt8(truncatingIfNeeded: plane * 50 + x * 7 + y * 13) }
        let harness = try ElementHarness(VideoScale(), inputCaps: info.caps)
        #expect(harness.outputCaps == info.caps)
        try harness.push(input)
        #expect(harness.pull()?.byteArray == input.byteArray)
        try harness.finish()
    }

    // MARK: - Negotiation

    @Test func transformCapsFreesSizeButKeepsFormatAndRate() throws {
        let element = VideoScale()
        let input = try Caps(parsing: "video/x-raw, format=(string)NV12, width=(int)320, height=(int)240, framerate=(fraction)25/1")
        for direction in [PadDirection.sink, .src] {
            let other = element.transformCaps(input, from: direction)
            let s = try #require(other.structures.first)
            #expect(s.string("format") == "NV12")
            #expect(s.fraction("framerate") == Fraction(25, 1))
            #expect(s["width"] == .intRange(1...Int(Int32.max), step: 1))
            #expect(s["height"] == .intRange(1...Int(Int32.max), step: 1))
            #expect(!other.intersection(Self.caps(.nv12, 1920, 1080).withRate(25)).isEmpty)
            #expect(other.intersection(Self.caps(.i420, 1920, 1080).withRate(25)).isEmpty)
        }
    }

    @Test func fixatePrefersTheInputSize() throws {
        let harness = try ElementHarness(VideoScale(), inputCaps: Self.caps(.rgba, 320, 240))
        #expect(harness.outputCaps == Self.caps(.rgba, 320, 240))
        try harness.finish()
    }

    @Test func fixateKeepsAspectRatioWhenOnlyWidthIsGiven() throws {
        let harness = try ElementHarness(
            VideoScale(), inputCaps: Self.caps(.i420, 320, 240), outputCaps: try Caps(parsing: "video/x-raw, width=(int)640"))
        #expect(harness.outputCaps == Self.caps(.i420, 640, 480))
        try harness.finish()
    }

    @Test func fixateKeepsAspectRatioWhenOnlyHeightIsGiven() throws {
        let harness = try ElementHarness(
            VideoScale(), inputCaps: Self.caps(.gray8, 1920, 1080), outputCaps: try Caps(parsing: "video/x-raw, height=(int)720"))
        #expect(harness.outputCaps == Self.caps(.gray8, 1280, 720))
        try harness.finish()
    }

    @Test func fixateFitsTheInputIntoAllowedRanges() throws {
        let harness = try ElementHarness(
            VideoScale(), inputCaps: Self.caps(.rgba, 320, 240),
            outputCaps: try Caps(parsing: "video/x-raw, width=(int)[ 1, 100 ], height=(int)[ 1, 100 ]"))
        #expect(harness.outputCaps == Self.caps(.rgba, 100, 75))
        try harness.finish()
    }

    @Test func methodPropertyMatchesGStreamer() throws {
        let property = try #require(VideoScale.descriptor.property(named: "method"))
        #expect(property.get(VideoScale()) == .enumeration("bilinear"))
        guard case .enumeration(let typeName, let cases) = property.type else {
            Issue.record("method is not an enumeration")
            return
        }
        #expect(typeName == "GstVideoScaleMethod")
        #expect(cases.map(\.value) == [0, 1])
        #expect(cases.map(\.nick) == ["nearest-neighbour", "bilinear"])
        #expect(VideoScale.descriptor.klass == "Filter/Converter/Video/Scaler")
    }
}

extension Caps {
    fileprivate func withRate(_ rate: Int) -> Caps {
        var copy = self
        copy.structures[0]["framerate"] = .fraction(Fraction(rate, 1))
        return copy
    }
}
