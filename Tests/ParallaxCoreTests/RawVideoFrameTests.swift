import ParallaxCore
import Testing

@Suite struct RawVideoFrameTests {
    static func frame(_ format: VideoFormat, width: Int, height: Int, bytes: [UInt8]) throws -> VideoFrame {
        let info = VideoInfo(format: format, width: width, height: height)
        try #require(bytes.count == info.size, "\(format) \(width)x\(height) is \(info.size) bytes")
        return try #require(VideoFrame(buffer: Buffer(copying: bytes), info: info))
    }

    /// 4×2 4:2:0: Y rows `10…13`, `14…17`; one chroma row of 2 samples, padded to 4.
    static let planar: [UInt8] = Array(10...17) + [100, 101, 0, 0] + [200, 201, 0, 0]

    @Test func planarYUVReadsLumaAndSubsampledChroma() throws {
        let i420 = try #require(RawVideoFrame<I420>(try Self.frame(.i420, width: 4, height: 2, bytes: Self.planar)))
        #expect(i420.luma(x: 3, y: 1) == 17)
        #expect(i420.chroma(x: 3, y: 1) == (101, 201))
        #expect(i420.chroma(x: 0, y: 0) == (100, 200))
        let yv12 = try #require(RawVideoFrame<YV12>(try Self.frame(.yv12, width: 4, height: 2, bytes: Self.planar)))
        #expect(yv12.chroma(x: 3, y: 1) == (201, 101))

        let full: [UInt8] = Array(0..<8) + Array(20..<28) + Array(40..<48)
        let y444 = try #require(RawVideoFrame<Y444>(try Self.frame(.y444, width: 2, height: 2, bytes: full)))
        #expect(y444.luma(x: 1, y: 1) == 5)
        #expect(y444.chroma(x: 1, y: 1) == (25, 45))
    }

    @Test func semiPlanarYUVReadsInterleavedChromaInItsOrder() throws {
        let bytes: [UInt8] = Array(10...17) + [100, 200, 101, 201]
        let nv12 = try #require(RawVideoFrame<NV12>(try Self.frame(.nv12, width: 4, height: 2, bytes: bytes)))
        #expect(nv12.luma(x: 2, y: 1) == 16)
        #expect(nv12.chroma(x: 3, y: 1) == (101, 201))
        let nv21 = try #require(RawVideoFrame<NV21>(try Self.frame(.nv21, width: 4, height: 2, bytes: bytes)))
        #expect(nv21.chroma(x: 3, y: 1) == (201, 101))
    }

    @Test func packedRGBReadsComponentsInRGBOrder() throws {
        let eight: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let rgba = try #require(RawVideoFrame<RGBA>(try Self.frame(.rgba, width: 2, height: 1, bytes: eight)))
        #expect(rgba.rgb(x: 1, y: 0) == (5, 6, 7))
        #expect(rgba.alpha(x: 1, y: 0) == 8)
        let bgra = try #require(RawVideoFrame<BGRA>(try Self.frame(.bgra, width: 2, height: 1, bytes: eight)))
        #expect(bgra.rgb(x: 0, y: 0) == (3, 2, 1))
        let padded: [UInt8] = [1, 2, 3, 4, 5, 6, 0, 0]
        let bgr = try #require(RawVideoFrame<BGR>(try Self.frame(.bgr, width: 2, height: 1, bytes: padded)))
        #expect(bgr.rgb(x: 1, y: 0) == (6, 5, 4))
        #expect(bgr.alpha(x: 1, y: 0) == nil)
    }

    @Test func aFrameOfAnotherFormatIsNotTyped() throws {
        let frame = try Self.frame(.i420, width: 4, height: 2, bytes: Self.planar)
        #expect(RawVideoFrame<RGBA>(frame) == nil)
        #expect(RawVideoFrame<YV12>(frame) == nil)
        #expect(RawVideoFrame<AnyPixelFormat>(frame) == nil)
        #expect(RawVideoFrame<I420>(frame)?.strides == [4, 4, 4])
    }
}
