import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct ClockOverlayTests {
    @Test func formatsTheTimeWithStrftime() {
        var overlay = ClockOverlay()
        overlay.timeFormat = "%M:%S"
        let a = overlay.text(at: 1_700_000_000), b = overlay.text(at: 1_700_000_001)
        #expect(a == "13:20" && b == "13:21")  // minutes and seconds do not depend on the time zone
        overlay.settings.text = "Now"
        overlay.timeFormat = "%Y"
        #expect(overlay.text(at: 1_700_000_000) == "Now 2023")
    }

    @Test func drawsIntoTheFrame() throws {
        let info = VideoInfo(format: .nv12, width: 128, height: 64)
        let input = Buffer(copying: [UInt8](repeating: 100, count: info.size))
        let harness = try ElementHarness(ClockOverlay(), inputCaps: info.caps)
        try harness.push(input)
        let output = try #require(harness.pull()).byteArray
        try harness.finish()
        // Default placement: the box of "HH:MM:SS" at (24, 24), 68×12 (25 rounded down to even).
        let painter = ClockOverlay().settings.painter("00:00:00", info)
        #expect(painter.box == (24, 24, 68, 12))
        #expect(output[24 * info.strides[0] + 24] == 20)  // the box's corner: 100 darkened by 80
        #expect(output[23 * info.strides[0] + 24] == 100)
        #expect(output.contains(235))
    }
}
