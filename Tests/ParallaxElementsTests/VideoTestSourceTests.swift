import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

/// Expected values come from GStreamer 1.22 (`gst-launch-1.0 videotestsrc pattern=… num-buffers=… !
/// video/x-raw,format=…,width=…,height=… ! filesink`), read back pixel by pixel.
@Suite struct VideoTestSourceTests {
    /// The first `count` frames of `pattern` in `format` at `width`×`height`.
    func frames(
        _ pattern: VideoTestSource.Pattern, _ format: VideoFormat, _ width: Int = 320, _ height: Int = 240,
        count: Int = 1, configure: (inout VideoTestSource) -> Void = { _ in }
    ) throws -> [Buffer] {
        var source = VideoTestSource()
        source.pattern = pattern
        source.numBuffers = count
        configure(&source)
        let caps = VideoInfo(format: format, width: width, height: height).caps
        let harness = try ElementHarness(source, outputCaps: caps)
        let buffers = try harness.produceAll()
        try harness.finish()
        return buffers
    }

    /// Y, U, V of pixel (x, y) of an I420 frame.
    func i420(_ frame: Buffer, _ x: Int, _ y: Int, width: Int = 320, height: Int = 240) -> [UInt8] {
        let info = VideoInfo(format: .i420, width: width, height: height)
        let bytes = frame.byteArray
        return [
            bytes[info.offsets[0] + y * info.strides[0] + x],
            bytes[info.offsets[1] + y / 2 * info.strides[1] + x / 2],
            bytes[info.offsets[2] + y / 2 * info.strides[2] + x / 2],
        ]
    }

    @Test func negotiatesGStreamersDefaultSizeAndRate() throws {
        let harness = try ElementHarness(VideoTestSource())
        let expected = VideoInfo(format: .bgra, width: 320, height: 240, framerate: Fraction(30, 1))
        #expect(harness.outputCaps == expected.caps)
        try harness.finish()
    }

    @Test func fixatesNearestToDefaultsWithinConstraints() throws {
        let constraints = try Caps(parsing:
            "video/x-raw, format=(string){ I420, NV12 }, width=(int)[ 100, 200 ], height=(int)[ 100, 1000 ], "
            + "framerate=(fraction)[ 10/1, 20/1 ]")
        let harness = try ElementHarness(VideoTestSource(), outputCaps: constraints)
        let expected = VideoInfo(format: .i420, width: 200, height: 240, framerate: Fraction(20, 1))
        #expect(harness.outputCaps == expected.caps)
        try harness.finish()
    }

    @Test func redIsGStreamersBT601Red() throws {
        let frame = try #require(try frames(.red, .i420).first)
        for (x, y) in [(0, 0), (160, 120), (319, 239)] { #expect(i420(frame, x, y) == [81, 90, 240]) }
    }

    @Test func hdFramesUseBT709() throws {
        let frame = try #require(try frames(.red, .i420, 1280, 720).first)
        #expect(i420(frame, 640, 360, width: 1280, height: 720) == [63, 102, 240])
    }

    @Test func smpteBarsMatchGStreamer() throws {
        let frame = try #require(try frames(.smpte, .i420).first)
        let centres = [22, 68, 114, 160, 206, 250, 296]
        // White, yellow, cyan, green, magenta, red, blue.
        #expect(centres.map { i420(frame, $0, 10) } == [
            [235, 128, 128], [210, 16, 146], [170, 166, 16], [145, 54, 34], [106, 202, 222], [81, 90, 240],
            [41, 240, 110],
        ])
        // Inverse bars: blue, black, magenta, black, cyan, black, white.
        #expect(centres.map { i420(frame, $0, 170) } == [
            [41, 240, 110], [16, 128, 128], [106, 202, 222], [16, 128, 128], [170, 166, 16], [16, 128, 128],
            [235, 128, 128],
        ])
        // -I, white, +Q, super-black, black, dark grey.
        #expect([26, 80, 134, 166, 192, 220].map { i420(frame, $0, 200) } == [
            [16, 198, 21], [235, 128, 128], [16, 235, 198], [0, 128, 128], [16, 128, 128], [32, 128, 128],
        ])
        // Chroma of the 2×2 block straddling white (x=44) and yellow (x=45) is their average, as in GStreamer.
        #expect(i420(frame, 44, 10) == [235, 72, 137])
    }

    @Test func smpte75WhiteIs180() throws {
        let frame = try #require(try frames(.smpte75, .i420).first)
        #expect(i420(frame, 22, 10) == [180, 128, 128])
        #expect(i420(frame, 296, 239) == [35, 212, 114])
    }

    @Test func rgbaBarsAreFullRangeRGB() throws {
        let frame = try #require(try frames(.smpte, .rgba).first).byteArray
        let pixels = [22, 68, 114, 160, 206, 250, 296].map { x in
            let offset = (10 * 320 + x) * 4
            return Array(frame[offset..<offset + 4])
        }
        #expect(pixels == [
            [255, 255, 255, 255], [255, 255, 0, 255], [0, 255, 255, 255], [0, 255, 0, 255], [255, 0, 255, 255],
            [255, 0, 0, 255], [0, 0, 255, 255],
        ])
    }

    @Test func snowMatchesGStreamersFirstFrameAndChanges() throws {
        let snow = try frames(.snow, .gray8, count: 2)
        #expect(Array(snow[0].byteArray.prefix(8)) == [16, 205, 19, 103, 162, 43, 165, 41])
        #expect(snow[0].byteArray != snow[1].byteArray)
    }

    @Test func ballMovesAsInGStreamer() throws {
        let ball = try frames(.ball, .gray8, count: 11)
        func firstBrightest(_ frame: Buffer) -> (Int, Int) {
            let bytes = frame.byteArray
            let index = bytes.firstIndex(of: 235) ?? -1
            return (index % 320, index / 320)
        }
        #expect(firstBrightest(ball[0]) == (160, 102))
        #expect(firstBrightest(ball[1]) == (160, 107))
        #expect(firstBrightest(ball[10]) == (203, 145))
        #expect(ball[0].byteArray[0] == 16)  // the background is black
    }

    @Test func blinkAlternatesBackgroundAndForeground() throws {
        let blink = try frames(.blink, .gray8, count: 3)
        #expect(blink.map { $0.byteArray[100] } == [16, 235, 16])
    }

    @Test func checkersAlternateRedAndGreen() throws {
        let frame = try #require(try frames(.checkers1, .rgba).first).byteArray
        #expect(Array(frame[0..<8]) == [255, 0, 0, 255, 0, 255, 0, 255])
        #expect(Array(frame[320 * 4..<320 * 4 + 4]) == [0, 255, 0, 255])
    }

    @Test func gradientRunsFromBackgroundToForeground() throws {
        let frame = try #require(try frames(.gradient, .gray8).first).byteArray
        #expect([frame[0], frame[120 * 320], frame[239 * 320]] == [16, 125, 233])
    }

    @Test func solidColorUsesTheForegroundColor() throws {
        let frame = try #require(try frames(.solidColor, .rgba) { $0.foregroundColor = 0x80FF_8000 }.first)
        #expect(Array(frame.byteArray.prefix(4)) == [255, 128, 0, 128])
        #expect(VideoTestSource.info.property(named: "foreground-color")?.defaultValue == .uint(0xFFFF_FFFF))
        #expect(VideoTestSource.info.property(named: "background-color")?.defaultValue == .uint(0xFF00_0000))
    }

    @Test func horizontalSpeedScrollsLeft() throws {
        let scrolled = try frames(.smpte75, .gray8, count: 2) { $0.horizontalSpeed = 10 }
        let row0 = Array(scrolled[0].byteArray.prefix(320)), row1 = Array(scrolled[1].byteArray.prefix(320))
        #expect(Array(row1[0..<310]) == Array(row0[10..<320]))
        #expect(Array(row1[310..<320]) == Array(row0[0..<10]))
    }

    @Test func everyFormatFillsExactlyItsLayoutSize() throws {
        for format in VideoFormat.allCases {
            for (width, height) in [(320, 240), (201, 151)] {
                let frame = try #require(try frames(.smpte, format, width, height).first)
                let expected = format.layout(width: width, height: height).size
                #expect(frame.length == expected, "\(format) \(width)x\(height)")
            }
        }
    }

    @Test func numBuffersSendsExactlyNFrames() throws {
        var source = VideoTestSource()
        source.numBuffers = 3
        let harness = try ElementHarness(source, outputCaps: VideoInfo(format: .gray8, width: 8, height: 8).caps)
        for _ in 0..<3 { #expect(try harness.produce() == .ok) }
        #expect(try harness.produce() == .eos)
        #expect(harness.pullAll().count == 3)
        try harness.finish()
    }

    @Test func timestampsFollowTheFrameRate() throws {
        var source = VideoTestSource()
        source.numBuffers = 4
        source.timestampOffset = .seconds(1)
        let caps = VideoInfo(format: .gray8, width: 8, height: 8, framerate: Fraction(30000, 1001)).caps
        let harness = try ElementHarness(source, outputCaps: caps)
        let buffers = try harness.produceAll()
        let times = (0...4).map { ClockTime.scale(UInt64($0), 1001 * 1_000_000_000, 30000) }
        #expect(buffers.map(\.pts) == (0..<4).map { .seconds(1) + times[$0] })
        #expect(buffers.map(\.duration) == (0..<4).map { times[$0 + 1] - times[$0] })
        #expect(buffers.map(\.metadata.offset) == [0, 1, 2, 3])
        #expect(buffers.map(\.metadata.offsetEnd) == [1, 2, 3, 4])
        #expect(buffers.map(\.dts) == [nil, nil, nil, nil])
        #expect(buffers.map { $0.flags.contains(.discont) } == [true, false, false, false])
        try harness.finish()
    }

    @Test func zeroFrameRateSendsOneFrame() throws {
        let caps = VideoInfo(format: .gray8, width: 8, height: 8, framerate: Fraction(0, 1)).caps
        let harness = try ElementHarness(VideoTestSource(), outputCaps: caps)
        #expect(try harness.produce() == .ok)
        #expect(try harness.produce() == .eos)
        let frame = try #require(harness.pull())
        #expect(frame.pts == .zero)
        #expect(frame.duration == nil)
        try harness.finish()
    }

    @Test func patternNicksAndValuesAreGStreamers() throws {
        guard case .enumeration(let name, let cases)? = VideoTestSource.info.property(named: "pattern")?.type else {
            Issue.record("pattern is not an enumeration")
            return
        }
        #expect(name == "GstVideoTestSrcPattern")
        let byNick = Dictionary(uniqueKeysWithValues: cases.map { ($0.nick, $0.value) })
        #expect(byNick["smpte"] == 0)
        #expect(byNick["snow"] == 1)
        #expect(byNick["checkers-8"] == 10)
        #expect(byNick["smpte75"] == 13)
        #expect(byNick["solid-color"] == 17)
        #expect(byNick["ball"] == 18)
        #expect(byNick["smpte100"] == 19)
        #expect(byNick["gradient"] == 23)
        #expect(byNick["colors"] == 24)
        #expect(PropertyType.enumeration(typeName: name, cases: cases).parse("18") == .success(.enumeration("ball")))
    }
}
