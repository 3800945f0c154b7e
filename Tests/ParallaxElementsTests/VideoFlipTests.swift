import Parallax
import ParallaxTesting
import Testing

@Suite struct VideoFlipTests {
    typealias Support = VideoEffectSupport

    /// GRAY8 3×2: [1 2 3; 11 12 13].
    static let gray = VideoInfo(format: .gray8, width: 3, height: 2)
    static func grayFrame() -> Buffer { Support.frame(gray) { _, x, y in UInt8(10 * y + min(x, 2) + 1) } }

    static let expected: [VideoFlip.Orientation: [[UInt8]]] = [
        .rotate90Right: [[11, 1], [12, 2], [13, 3]],
        .rotate180: [[13, 12, 11], [3, 2, 1]],
        .rotate90Left: [[3, 13], [2, 12], [1, 11]],
        .horizontal: [[3, 2, 1], [13, 12, 11]],
        .vertical: [[11, 12, 13], [1, 2, 3]],
        .upperLeftDiagonal: [[1, 11], [2, 12], [3, 13]],
        .upperRightDiagonal: [[13, 3], [12, 2], [11, 1]],
    ]

    @Test(arguments: Array(expected.keys).sorted { $0.rawValue < $1.rawValue })
    func movesGray8PixelsWhereTheMethodSays(_ orientation: VideoFlip.Orientation) throws {
        var flip = VideoFlip()
        flip.videoDirection = orientation
        let rows = try #require(Self.expected[orientation])
        let out = VideoInfo(format: .gray8, width: rows[0].count, height: rows.count)
        let frame = try Support.process(flip, Self.grayFrame(), from: Self.gray, to: out)
        #expect(Support.rows(frame, bytes: out.width, rows: out.height) == rows)
    }

    /// Every pixel of a frame larger than a tile and not a multiple of the block size (the 4×4 SIMD blocks of
    /// 4-byte pixels, the 8×8 byte blocks of GRAY8, the 3-byte samples of RGB, the tile edges and the scalar
    /// remainder) lands where a plain per-pixel definition says.
    @Test(arguments: VideoFlip.Orientation.allCases, [VideoFormat.rgba, .rgb, .gray8])
    func framesAcrossTilesMatchThePerPixelDefinition(_ orientation: VideoFlip.Orientation, _ format: VideoFormat) throws
    {
        let (w, h, n) = (70, 37, format.pixelStride)
        let info = VideoInfo(format: format, width: w, height: h)
        func value(_ x: Int, _ y: Int, _ c: Int) -> UInt8 {
            UInt8(truncatingIfNeeded: (x * 7 + y * 131 + c * 61) ^ (y >> 3))
        }
        let input = Support.frame(info) { _, x, y in value(x / n, y, x % n) }
        var flip = VideoFlip()
        flip.videoDirection = orientation
        let (ow, oh) = orientation.swapsSize ? (h, w) : (w, h)
        let outInfo = VideoInfo(format: format, width: ow, height: oh)
        let harness = try ElementHarness(flip, inputCaps: info.caps, outputCaps: outInfo.caps)
        try harness.push(input)
        let output = try #require(harness.pull())
        try harness.finish()
        let frame = try #require(VideoFrame(buffer: output, info: outInfo))
        var wrong = 0
        for y in 0..<oh {
            for x in 0..<ow {
                let (sx, sy): (Int, Int) =
                    switch orientation {
                    case .identity: (x, y)
                    case .rotate90Right: (y, h - 1 - x)
                    case .rotate180: (w - 1 - x, h - 1 - y)
                    case .rotate90Left: (w - 1 - y, x)
                    case .horizontal: (w - 1 - x, y)
                    case .vertical: (x, h - 1 - y)
                    case .upperLeftDiagonal: (y, x)
                    case .upperRightDiagonal: (w - 1 - y, h - 1 - x)
                    }
                for c in 0..<n where frame.pixel(x: n * x + c, y: y) != value(sx, sy, c) { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }

    @Test func i420ChromaIsRotatedAtItsOwnSize() throws {
        let info = VideoInfo(format: .i420, width: 5, height: 3)
        // Chroma 3×2: U = 10·y + x, V = 100 + 10·y + x.
        let input = Support.frame(info) { plane, x, y in
            plane == 0 ? 16 : UInt8((plane == 2 ? 100 : 0) + 10 * y + min(x, 2))
        }
        var flip = VideoFlip()
        flip.method = .clockwise
        let frame = try Support.process(flip, input, from: info, to: VideoInfo(format: .i420, width: 3, height: 5))
        #expect(Support.rows(frame, bytes: 2, rows: 3, plane: 1) == [[10, 0], [11, 1], [12, 2]])
        #expect(Support.rows(frame, bytes: 2, rows: 3, plane: 2) == [[110, 100], [111, 101], [112, 102]])
    }

    @Test func yuy2RotationAveragesTheChromaOfTwoRows() throws {
        let info = VideoInfo(format: .yuy2, width: 2, height: 2)
        // Row 0: Y 1 2, U 100, V 200; row 1: Y 3 4, U 50, V 101.
        let bytes: [[UInt8]] = [[1, 100, 2, 200], [3, 50, 4, 101]]
        let input = Support.frame(info) { _, x, y in bytes[y][x] }
        var flip = VideoFlip()
        flip.videoDirection = .rotate90Right
        let frame = try Support.process(flip, input, from: info, to: info)
        // Output row 0 is source column 0 read bottom-up: Y 3 1; U (50+100)/2, V (101+200)/2.
        #expect(Support.rows(frame, bytes: 4, rows: 2) == [[3, 75, 1, 150], [4, 75, 2, 150]])
    }

    @Test func identityPassesTheBufferThrough() throws {
        let flip = VideoFlip()
        #expect(flip.isPassthrough)
        let harness = try ElementHarness(flip, inputCaps: Self.gray.caps)
        try harness.push(Self.grayFrame())
        #expect(harness.pull()?.byteArray == Self.grayFrame().byteArray)
        try harness.finish()
    }

    @Test func methodAndVideoDirectionAreOneSetting() throws {
        let entry = try #require(ElementRegistry.stock["videoflip"])
        let method = try #require(entry.info.property(named: "method")?.type)
        let element = try entry.make([
            PropertySetting(
                name: "method", value: try method.parse("counterclockwise").get(),
                text: "counterclockwise")
        ])
        #expect((element as? VideoFlip)?.videoDirection == .rotate90Left)
        var flip = VideoFlip()
        flip.videoDirection = .upperRightDiagonal
        #expect(flip.method == .upperRightDiagonal)
        let direction = try #require(VideoFlip.descriptor.property(named: "video-direction"))
        guard case .enumeration(let typeName, let cases) = direction.type else {
            Issue.record("video-direction is not an enumeration")
            return
        }
        #expect(typeName == "GstVideoOrientationMethod")
        #expect(cases.map(\.nick) == ["identity", "90r", "180", "90l", "horiz", "vert", "ul-lr", "ur-ll"])
        #expect(cases.map(\.value) == Array(0...7))
        #expect(direction.get(VideoFlip()) == .enumeration("identity"))
    }

    @Test func negotiationSwapsWidthAndHeightDownstream() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! video/x-raw,format=I420,width=320,height=240 ! videoflip method=clockwise ! fakesink",
            from: "videoflip0", to: "fakesink0")
        #expect(try #require(Support.size(caps)) == (240, 320))
    }

    @Test func negotiationSwapsWidthAndHeightUpstream() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! videoflip video-direction=ul-lr ! video/x-raw,width=100,height=200 ! fakesink",
            from: "videotestsrc0", to: "videoflip0")
        #expect(try #require(Support.size(caps)) == (200, 100))
    }

    @Test func negotiationKeepsTheSizeForMirrors() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! video/x-raw,width=64,height=48 ! videoflip method=horizontal-flip ! fakesink",
            from: "videoflip0", to: "fakesink0")
        #expect(try #require(Support.size(caps)) == (64, 48))
    }

    @Test func refusesCapsWhoseSizesDisagreeWithTheMethod() throws {
        var flip = VideoFlip()
        flip.videoDirection = .rotate90Left
        #expect(throws: ElementError("videoflip 90l turns 3×2 into 2×3, not 3×2.")) {
            var element = flip
            try element.setCaps(input: Self.gray.caps, output: Self.gray.caps)
        }
    }
}
