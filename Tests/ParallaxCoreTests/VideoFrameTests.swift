import ParallaxCore
import Testing

/// `VideoFrame` reads planes and pixels where `VideoInfo`'s layout puts them.
@Suite("VideoFrame")
struct VideoFrameTests {
    @Test("an I420 frame has three planes with the layout's strides, offsets and heights")
    func i420Planes() throws {
        let info = VideoInfo(format: .i420, width: 8, height: 4)
        let frame = try #require(VideoFrame(buffer: Buffer(copying: (0..<info.size).map { UInt8($0) }), info: info))
        #expect(frame.planeCount == 3)
        #expect(frame.strides == [8, 4, 4])
        #expect(frame.offsets == [0, 32, 40])
        #expect((0..<3).map(frame.planeHeight) == [4, 2, 2])
        #expect(frame.withPlane(1) { Array($0) } == Array(32..<40))
        #expect(frame.pixel(x: 3, y: 2) == 19)
        #expect(frame.pixel(x: 1, y: 1, plane: 2) == 45)
    }

    @Test("a GRAY8 frame's pixel is the byte at row y, column x")
    func gray8Pixel() throws {
        let info = VideoInfo(format: .gray8, width: 4, height: 3)
        let bytes = (0..<12).map { UInt8($0 * 10) }
        let frame = try #require(VideoFrame(buffer: Buffer(copying: bytes), info: info))
        #expect(frame.planeCount == 1)
        #expect(frame.pixel(x: 2, y: 1) == 60)
        #expect(frame.withPlane(0) { $0.count } == 12)
    }

    @Test("a buffer shorter than one frame is refused")
    func shortBuffer() {
        #expect(VideoFrame(buffer: Buffer(capacity: 10), info: VideoInfo(format: .gray8, width: 4, height: 3)) == nil)
    }
}
