import Parallax
import ParallaxTesting
import Testing

@Suite struct VideoBalanceTests {
    typealias Support = VideoEffectSupport

    /// I420 2×2 with Y 100, U 200 and V 60.
    static let info = VideoInfo(format: .i420, width: 2, height: 2)
    static func frame() -> Buffer { Support.frame(info) { plane, _, _ in [100, 200, 60][plane] } }

    static func balance(_ body: (inout VideoBalance) -> Void) -> VideoBalance {
        var element = VideoBalance()
        body(&element)
        return element
    }

    @Test func contrastAndBrightnessMapLuma() throws {
        let element = Self.balance {
            $0.contrast = 2; $0.brightness = 0.1
        }
        let frame = try Support.process(element, Self.frame(), from: Self.info, to: Self.info)
        // 16 + (100 - 16)·2 + 0.1·255 = 209.5 → 210 (rint: to even).
        #expect(Support.rows(frame, bytes: 2, rows: 2) == [[210, 210], [210, 210]])
        #expect(frame.pixel(x: 0, y: 0, plane: 1) == 200)
        #expect(frame.pixel(x: 0, y: 0, plane: 2) == 60)
    }

    @Test func zeroSaturationMakesGrey() throws {
        let frame = try Support.process(
            Self.balance { $0.saturation = 0 }, Self.frame(), from: Self.info, to: Self.info)
        #expect(frame.pixel(x: 0, y: 0) == 100)
        #expect(frame.pixel(x: 0, y: 0, plane: 1) == 128)
        #expect(frame.pixel(x: 0, y: 0, plane: 2) == 128)
    }

    @Test func hueOfOneTurnsChromaHalfWay() throws {
        let frame = try Support.process(Self.balance { $0.hue = 1 }, Self.frame(), from: Self.info, to: Self.info)
        // u = 72, v = -68 turned by π: U' = 128 - 72, V' = 128 + 68.
        #expect(frame.pixel(x: 0, y: 0, plane: 1) == 56)
        #expect(frame.pixel(x: 0, y: 0, plane: 2) == 196)
    }

    @Test func rgbGoesThroughBT601() throws {
        let info = VideoInfo(format: .rgb, width: 1, height: 1)
        let input = Support.frame(info) { _, x, _ in [200, 40, 40, 0][x] }
        let frame = try Support.process(Self.balance { $0.saturation = 0 }, input, from: info, to: info)
        // Y = (66·200 + 129·40 + 25·40 + 4096) >> 8 = 91; grey 91 → (298·91 + 409·128 - 57068) >> 8 = 87.
        #expect(Support.rows(frame, bytes: 3, rows: 1) == [[87, 87, 87]])
    }

    @Test func defaultsPassTheBufferThrough() throws {
        #expect(VideoBalance().isPassthrough)
        let harness = try ElementHarness(VideoBalance(), inputCaps: Self.info.caps)
        try harness.push(Self.frame())
        #expect(harness.pull()?.byteArray == Self.frame().byteArray)
        try harness.finish()
    }

    @Test func gray8IsNotOffered() throws {
        #expect(throws: HarnessError.self) {
            _ = try ElementHarness(
                Self.balance { $0.hue = 0.5 }, inputCaps: VideoInfo(format: .gray8, width: 2, height: 2).caps)
        }
    }

    @Test func propertiesMatchGStreamer() throws {
        let ranges: [(String, ClosedRange<Double>, Double)] = [
            ("brightness", -1...1, 0), ("contrast", 0...2, 1), ("hue", -1...1, 0), ("saturation", 0...2, 1),
        ]
        for (name, range, value) in ranges {
            let property = try #require(VideoBalance.descriptor.property(named: name))
            #expect(property.type == .double(range))
            #expect(property.get(VideoBalance()) == .double(value))
        }
    }

    @Test func negotiationKeepsFormatAndSize() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! video/x-raw,format=NV21,width=64,height=48 ! videobalance saturation=1.5 ! fakesink",
            from: "videobalance0", to: "fakesink0")
        #expect(try #require(Support.size(caps)) == (64, 48))
        #expect(caps.structures.first?.string("format") == "NV21")
    }
}
