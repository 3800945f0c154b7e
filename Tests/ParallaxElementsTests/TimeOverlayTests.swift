import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct TimeOverlayTests {
    /// A frame of `info` where every byte differs from its neighbours' (so any change shows).
    static func frame(_ info: VideoInfo) -> Buffer {
        Buffer(copying: (0..<info.size).map { UInt8(truncatingIfNeeded: 37 + $0 * 7 + $0 / 61) })
    }

    static func draw<E: RawVideoFilter>(_ element: E, _ info: VideoInfo, pts: ClockTime?) throws -> [UInt8] {
        let harness = try ElementHarness(element, inputCaps: info.caps)
        var input = frame(info)
        input.metadata.pts = pts
        #expect(try harness.push(input) == .ok)
        let output = try #require(harness.pull())
        try harness.finish()
        return output.byteArray
    }

    /// The luma (or packed pixel) position of byte `index` of a frame of `info`, or nil for row padding.
    static func pixel(of index: Int, _ info: VideoInfo) -> (x: Int, y: Int)? {
        let plane = (0..<info.offsets.count).last { info.offsets[$0] <= index } ?? 0
        let offset = index - info.offsets[plane], stride = info.strides[plane]
        let row = offset / stride, column = offset % stride
        switch info.format {
        case .i420:
            return plane == 0 ? (column, row) : (column * 2, row * 2)
        case .nv12:
            return plane == 0 ? (column, row) : (column / 2 * 2, row * 2)
        default:
            return (column / info.format.pixelStride, row)
        }
    }

    @Test(arguments: [VideoFormat.i420, .nv12, .rgba, .bgra, .rgb])
    func changesPixelsInsideTheBoxOnly(_ format: VideoFormat) throws {
        let info = VideoInfo(format: format, width: 120, height: 60)
        var overlay = TimeOverlay()
        overlay.settings.xpad = 9
        overlay.settings.ypad = 7
        let before = Self.frame(info).byteArray
        let after = try Self.draw(overlay, info, pts: .milliseconds(3_723_456))
        let painter = overlay.settings.painter("01:02:03.456", info)
        #expect(painter.box == (8, 6, 100, 12))  // 12 cells and 2 px each side, at even coordinates
        var changedInside = 0, changedOutside = 0
        for i in 0..<before.count where before[i] != after[i] {
            guard let (x, y) = Self.pixel(of: i, info) else { continue }
            if painter.inBox(x: x, y: y) { changedInside += 1 } else { changedOutside += 1 }
        }
        #expect(changedOutside == 0)
        #expect(changedInside > 12 * 8 * 8 / 2)
    }

    /// The "1" of the time, in GRAY8: its 8×8 cell is the glyph — white where lit, the frame darkened by the
    /// shading value elsewhere.
    @Test func drawsTheGlyphOfOne() throws {
        let info = VideoInfo(format: .gray8, width: 128, height: 32)
        var overlay = TimeOverlay()
        overlay.settings.xpad = 4
        overlay.settings.ypad = 4
        let after = try Self.draw(overlay, info, pts: .seconds(1))  // "00:00:01.000": the "1" is cell 7
        let before = Self.frame(info).byteArray
        let art = [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.", ".....",
        ]
        let (cellX, cellY) = (4 + 2 + 7 * 8, 4 + 2)
        for y in 0..<8 {
            for x in 0..<8 {
                let lit = x >= 1 && x <= 5 && Array(art[y])[x - 1] == "#"
                let index = (cellY + y) * info.strides[0] + cellX + x
                let expected = lit ? 255 : UInt8(Swift.max(0, Int(before[index]) - 80))
                #expect(after[index] == expected, "pixel \(x),\(y) of the glyph")
            }
        }
    }

    @Test func differentTimesDrawDifferently() throws {
        let info = VideoInfo(format: .i420, width: 160, height: 48)
        let one = try Self.draw(TimeOverlay(), info, pts: .seconds(1))
        let two = try Self.draw(TimeOverlay(), info, pts: .seconds(2))
        let again = try Self.draw(TimeOverlay(), info, pts: .seconds(1))
        #expect(one != two)
        #expect(one == again)
    }

    @Test func showsTheChosenTimeAfterThePrefix() {
        var overlay = TimeOverlay()
        #expect(TimeOverlay.format(.milliseconds(3_723_456)) == "01:02:03.456")
        #expect(overlay.text(for: nil) == "--:--:--.---")
        overlay.settings.text = "cam 1"
        #expect(overlay.text(for: .milliseconds(1500)) == "cam 1 00:00:01.500")
        var segmented = TimeOverlay()
        _ = segmented.handleEvent(.segment(Segment(start: .seconds(1), base: .seconds(5), time: .seconds(60))))
        segmented.timeMode = .streamTime
        #expect(segmented.text(for: .milliseconds(1500)) == "00:01:00.500")
        segmented.timeMode = .runningTime
        #expect(segmented.text(for: .milliseconds(1500)) == "00:00:05.500")
    }

    @Test func alignmentPlacesTheBox() throws {
        var settings = TextOverlaySettings()
        let info = VideoInfo(format: .i420, width: 320, height: 240)
        settings.halignment = .right
        settings.valignment = .bottom
        settings.xpad = 10
        settings.ypad = 20
        #expect(settings.painter("12:00", info).box == (320 - 10 - 44, 240 - 20 - 12, 44, 12))
        settings.halignment = .center
        settings.valignment = .top
        #expect(settings.painter("12:00", info).box == (138, 20, 44, 12))
        // 720 lines: glyphs scaled by 4.
        let tall = settings.painter("1", VideoInfo(format: .i420, width: 1280, height: 720))
        #expect(tall.scale == 4 && tall.box.width == 8 * 4 + 16)
    }

    @Test func silentDrawsNothing() throws {
        let info = VideoInfo(format: .rgba, width: 64, height: 32)
        var overlay = TimeOverlay()
        overlay.settings.silent = true
        #expect(try Self.draw(overlay, info, pts: .seconds(1)) == Self.frame(info).byteArray)
    }

    @Test func yuy2IsRefused() {
        #expect(
            throws: ElementError(
                "timeoverlay draws into I420, YV12, NV12, NV21, Y444, GRAY8, RGBA, BGRA, RGBx, BGRx, RGB, BGR at one size, not YUY2 64×32 to YUY2 64×32."
            )
        ) {
            var overlay = TimeOverlay()
            let caps = VideoInfo(format: .yuy2, width: 64, height: 32).caps
            try overlay.setCaps(input: caps, output: caps)
        }
    }
}
