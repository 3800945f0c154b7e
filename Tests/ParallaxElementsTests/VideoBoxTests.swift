import Parallax
import ParallaxTesting
import Testing

@Suite struct VideoBoxTests {
    typealias Support = VideoEffectSupport

    static func box(left: Int = 0, right: Int = 0, top: Int = 0, bottom: Int = 0, fill: VideoBox.Fill = .black)
        -> VideoBox
    {
        var element = VideoBox()
        (element.left, element.right, element.top, element.bottom, element.fill) = (left, right, top, bottom, fill)
        return element
    }

    @Test func negativeValuesAddABorderOfTheFillColour() throws {
        let info = VideoInfo(format: .rgba, width: 1, height: 1)
        let input = Support.frame(info) { _, x, _ in [10, 20, 30, 255][x % 4] }
        var element = Self.box(left: -1, bottom: -1, fill: .green)
        element.borderAlpha = 0.5
        let frame = try Support.process(element, input, from: info, to: VideoInfo(format: .rgba, width: 2, height: 2))
        // The picture's alpha: 255·255 >> 8 = 254, as GStreamer.
        #expect(
            Support.rows(frame, bytes: 8, rows: 2) == [
                [0, 255, 0, 128, 10, 20, 30, 254], [0, 255, 0, 128, 0, 255, 0, 128],
            ])
    }

    @Test func bgraBorderKeepsTheComponentOrder() throws {
        let info = VideoInfo(format: .bgra, width: 1, height: 1)
        let frame = try Support.process(
            Self.box(right: -1, fill: .red), Support.frame(info) { _, _, _ in 0 },
            from: info, to: VideoInfo(format: .bgra, width: 2, height: 1))
        #expect(Support.rows(frame, bytes: 8, rows: 1) == [[0, 0, 0, 0, 0, 0, 255, 255]])
    }

    @Test func positiveValuesCrop() throws {
        let info = VideoInfo(format: .gray8, width: 5, height: 4)
        let input = Support.frame(info) { _, x, y in UInt8(10 * y + x) }
        let frame = try Support.process(
            Self.box(left: 2, right: 1, top: 1, bottom: 1), input, from: info,
            to: VideoInfo(format: .gray8, width: 2, height: 2))
        #expect(Support.rows(frame, bytes: 2, rows: 2) == [[12, 13], [22, 23]])
    }

    @Test(arguments: [(48, 41, 240, 110), (720, 32, 240, 118)])
    func i420BordersUseBT601OrBT709ByHeight(_ height: Int, _ y: UInt8, _ u: UInt8, _ v: UInt8) throws {
        let info = VideoInfo(format: .i420, width: 4, height: height)
        let input = Support.frame(info) { _, _, _ in 128 }
        let frame = try Support.process(
            Self.box(left: -2, fill: .blue), input, from: info,
            to: VideoInfo(format: .i420, width: 6, height: height))
        #expect(Support.rows(frame, bytes: 6, rows: 1) == [[y, y, 128, 128, 128, 128]])
        #expect(Support.rows(frame, bytes: 3, rows: 1, plane: 1) == [[u, 128, 128]])
        #expect(Support.rows(frame, bytes: 3, rows: 1, plane: 2) == [[v, 128, 128]])
    }

    @Test func oddI420OffsetsBlendChromaWithTheBorder() throws {
        let info = VideoInfo(format: .i420, width: 2, height: 2)
        let input = Support.frame(info) { plane, _, _ in plane == 0 ? 100 : 200 }
        let frame = try Support.process(
            Self.box(left: -1, right: -1), input, from: info, to: VideoInfo(format: .i420, width: 4, height: 2))
        // Each chroma sample covers one border column (128) and one picture column (200): (2·128 + 2·200) / 4.
        #expect(Support.rows(frame, bytes: 2, rows: 1, plane: 1) == [[164, 164]])
    }

    @Test func negotiationAddsBordersDownstream() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! video/x-raw,format=I420,width=320,height=240 ! videobox left=-10 right=-10 top=20 ! fakesink",
            from: "videobox0", to: "fakesink0")
        #expect(try #require(Support.size(caps)) == (340, 220))
    }

    @Test func nv12IsNotOffered() throws {
        #expect(throws: HarnessError.self) {
            _ = try ElementHarness(Self.box(left: -2), inputCaps: VideoInfo(format: .nv12, width: 8, height: 8).caps)
        }
    }

    @Test func propertiesMatchGStreamer() throws {
        let fill = try #require(VideoBox.descriptor.property(named: "fill"))
        guard case .enumeration(let typeName, let cases) = fill.type else {
            Issue.record("fill is not an enumeration")
            return
        }
        #expect(typeName == "GstVideoBoxFill")
        #expect(cases.map(\.nick) == ["black", "green", "blue", "red", "yellow", "white"])
        #expect(fill.get(VideoBox()) == .enumeration("black"))
        #expect(VideoBox.descriptor.property(named: "border-alpha")?.get(VideoBox()) == .double(1))
        #expect(VideoBox.descriptor.property(named: "left")?.type == .int(Int64(Int32.min)...Int64(Int32.max)))
        #expect(VideoBox().isPassthrough)
    }
}
