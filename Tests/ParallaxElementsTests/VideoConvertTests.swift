import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

/// Exact expectations come from GStreamer 1.22 (`gst-launch-1.0 videotestsrc pattern=… ! video/x-raw,format=A,…
/// ! videoconvert ! video/x-raw,format=B ! filesink`), read back byte by byte.
@Suite struct VideoConvertTests {
    /// Converts one frame of `bytes` from `input` to `output` at `width`×`height`.
    func convert(_ bytes: [UInt8], _ input: VideoFormat, to output: VideoFormat, _ width: Int, _ height: Int)
        throws -> [UInt8]
    {
        let harness = try ElementHarness(
            VideoConvert(), inputCaps: VideoInfo(format: input, width: width, height: height).caps,
            outputCaps: VideoInfo(format: output, width: width, height: height).caps)
        #expect(try harness.push(Buffer(copying: bytes)) == .ok)
        let frame = try #require(harness.pull())
        try harness.finish()
        return frame.byteArray
    }

    /// A `width`×`height` RGBA frame of one colour.
    func solidRGBA(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ width: Int = 4, _ height: Int = 2) -> [UInt8] {
        Array([[r, g, b, 255]].lazy.flatMap { $0 }.cycled(width * height))
    }

    /// Y, U, V of pixel (x, y) of an I420 frame.
    func i420(_ bytes: [UInt8], _ x: Int, _ y: Int, _ width: Int, _ height: Int) -> [UInt8] {
        let info = VideoInfo(format: .i420, width: width, height: height)
        return [
            bytes[info.offsets[0] + y * info.strides[0] + x],
            bytes[info.offsets[1] + y / 2 * info.strides[1] + x / 2],
            bytes[info.offsets[2] + y / 2 * info.strides[2] + x / 2],
        ]
    }

    @Test func describesItselfAsGStreamerDoes() {
        #expect(VideoConvert.factoryName == "videoconvert")
        #expect(VideoConvert.descriptor.klass == "Filter/Converter/Video")
        #expect(VideoConvert.descriptor.properties.isEmpty)
    }

    @Test func redRGBAToI420MatchesGStreamerByteForByte() throws {
        // gst-launch-1.0 videotestsrc pattern=red ! video/x-raw,format=RGBA,width=4,height=2 ! videoconvert
        //   ! video/x-raw,format=I420 → Y 0x51 ×8, U 5a 5a 00 00, V ef ef 00 00.
        let out = try convert(solidRGBA(255, 0, 0), .rgba, to: .i420, 4, 2)
        #expect(out == [UInt8](repeating: 0x51, count: 8) + [0x5A, 0x5A, 0, 0, 0xEF, 0xEF, 0, 0])
    }

    @Test func knownBT601LimitedValues() throws {
        // GStreamer's videotestsrc tables give red V=240; videoconvert's fixed point gives 239, as here.
        let cases: [([UInt8], [UInt8])] = [
            ([255, 255, 255], [235, 128, 128]), ([0, 0, 0], [16, 128, 128]), ([255, 0, 0], [81, 90, 239]),
        ]
        for (rgb, yuv) in cases {
            let out = try convert(solidRGBA(rgb[0], rgb[1], rgb[2]), .rgba, to: .i420, 4, 2)
            #expect(i420(out, 1, 1, 4, 2) == yuv, "RGB \(rgb)")
        }
    }

    @Test func hdFramesUseBT709() throws {
        let sd = try convert(solidRGBA(255, 0, 0, 1280, 2), .rgba, to: .i420, 1280, 2)
        let hd = try convert(solidRGBA(255, 0, 0, 16, 578), .rgba, to: .i420, 16, 578)
        #expect(i420(sd, 0, 0, 1280, 2) == [81, 90, 239])  // 2 lines: standard definition, BT.601
        #expect((62...63).contains(i420(hd, 0, 0, 16, 578)[0]))  // 578 lines: BT.709 red is darker
    }

    /// Within GStreamer's own round-trip loss: its 8-bit YUV → RGB takes Y′ as `Y − 128` without the 16 offset,
    /// so white comes back as 253 and the worst colour here is 6 off (pure blue, 5 off, is checked below).
    @Test func rgbaToI420AndBackStaysWithinSix() throws {
        let colours: [[UInt8]] = [
            [255, 255, 255], [0, 0, 0], [255, 0, 0], [0, 255, 0], [128, 128, 128], [200, 100, 50], [17, 180, 230],
        ]
        for c in colours {
            let yuv = try convert(solidRGBA(c[0], c[1], c[2]), .rgba, to: .i420, 4, 2)
            let back = try convert(yuv, .i420, to: .rgba, 4, 2)
            for pixel in 0..<8 {
                for channel in 0..<3 {
                    let d = abs(Int(back[4 * pixel + channel]) - Int(c[channel]))
                    #expect(d <= 6, "colour \(c) channel \(channel): \(back[4 * pixel + channel])")
                }
                #expect(back[4 * pixel + 3] == 255)
            }
        }
    }

    @Test func pureBlueLosesAsMuchAsInGStreamer() throws {
        // Blue → I420 is 40/239/110, exactly GStreamer's; back to RGB GStreamer gives B=250, and so does this.
        let yuv = try convert(solidRGBA(0, 0, 255), .rgba, to: .i420, 4, 2)
        #expect(i420(yuv, 0, 0, 4, 2) == [40, 239, 110])
        let back = try convert(yuv, .i420, to: .rgba, 4, 2)
        #expect(Array(back.prefix(4)) == [0, 0, 250, 255])
    }

    @Test func grayToAndFromRGBAMatchesGStreamer() throws {
        // GRAY8 is full range: white → 255, red → 76; grey values become R = G = B.
        #expect(try convert(solidRGBA(255, 255, 255), .rgba, to: .gray8, 4, 2) == [UInt8](repeating: 255, count: 8))
        #expect(try convert(solidRGBA(255, 0, 0), .rgba, to: .gray8, 4, 2) == [UInt8](repeating: 76, count: 8))
        let rgba = try convert([UInt8](repeating: 235, count: 8), .gray8, to: .rgba, 4, 2)
        #expect(rgba == Array([[235, 235, 235, 255]].lazy.flatMap { $0 }.cycled(8)))
    }

    @Test func nv12AndI420CarryTheSameSamples() throws {
        let width = 6, height = 4
        var rgba: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { rgba += [UInt8(x * 40), UInt8(y * 60), UInt8(255 - x * 30), 255] }
        }
        let i420 = try convert(rgba, .rgba, to: .i420, width, height)
        let nv12 = try convert(rgba, .rgba, to: .nv12, width, height)
        let nv21 = try convert(rgba, .rgba, to: .nv21, width, height)
        let yv12 = try convert(rgba, .rgba, to: .yv12, width, height)
        let a = VideoInfo(format: .i420, width: width, height: height)
        let n = VideoInfo(format: .nv12, width: width, height: height)
        for y in 0..<height {
            for x in 0..<width { #expect(nv12[n.offsets[0] + y * n.strides[0] + x] == i420[y * a.strides[0] + x]) }
        }
        for cy in 0..<(height / 2) {
            for cx in 0..<(width / 2) {
                let u = i420[a.offsets[1] + cy * a.strides[1] + cx], v = i420[a.offsets[2] + cy * a.strides[2] + cx]
                let c = n.offsets[1] + cy * n.strides[1] + 2 * cx
                #expect(nv12[c] == u && nv12[c + 1] == v)
                #expect(nv21[c] == v && nv21[c + 1] == u)
                #expect(yv12[a.offsets[1] + cy * a.strides[1] + cx] == v)
                #expect(yv12[a.offsets[2] + cy * a.strides[2] + cx] == u)
            }
        }
        // And back: NV12 → I420 gives the I420 bytes.
        #expect(try convert(nv12, .nv12, to: .i420, width, height) == i420)
    }

    @Test func yuy2AndUYVYPackingOrder() throws {
        // I420 2×2: Y 10 20 / 30 40, U 100, V 200.
        let info = VideoInfo(format: .i420, width: 2, height: 2)
        var i420 = [UInt8](repeating: 0, count: info.size)
        i420[0] = 10
        i420[1] = 20
        i420[info.strides[0]] = 30
        i420[info.strides[0] + 1] = 40
        i420[info.offsets[1]] = 100
        i420[info.offsets[2]] = 200
        #expect(try convert(i420, .i420, to: .yuy2, 2, 2) == [10, 100, 20, 200, 30, 100, 40, 200])
        #expect(try convert(i420, .i420, to: .uyvy, 2, 2) == [100, 10, 200, 20, 100, 30, 200, 40])
        #expect(try convert(i420, .i420, to: .y444, 2, 2).count == VideoInfo(format: .y444, width: 2, height: 2).size)
        let back = try convert([10, 100, 20, 200, 30, 100, 40, 200], .yuy2, to: .i420, 2, 2)
        #expect(back == i420)
    }

    @Test func rgbByteOrders() throws {
        let rgba: [UInt8] = [1, 2, 3, 4]
        #expect(try convert(rgba, .rgba, to: .bgra, 1, 1) == [3, 2, 1, 4])
        #expect(try convert(rgba, .rgba, to: .rgbx, 1, 1) == [1, 2, 3, 255])
        #expect(try convert(rgba, .rgba, to: .bgrx, 1, 1) == [3, 2, 1, 255])
        #expect(try convert(rgba, .rgba, to: .rgb, 1, 1) == [1, 2, 3, 0])
        #expect(try convert(rgba, .rgba, to: .bgr, 1, 1) == [3, 2, 1, 0])
        #expect(try convert([3, 2, 1, 0], .bgr, to: .rgba, 1, 1) == [1, 2, 3, 255])
    }

    @Test func everyPairOfFormatsAtAnOddSize() throws {
        let width = 7, height = 5
        for input in VideoFormat.eightBitFormats {
            let inInfo = VideoInfo(format: input, width: width, height: height)
            let bytes = (0..<inInfo.size).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            for output in VideoFormat.eightBitFormats {
                let out = try convert(bytes, input, to: output, width, height)
                #expect(out.count == VideoInfo(format: output, width: width, height: height).size,
                        "\(input) → \(output)")
                if input == output { #expect(out == bytes) }
            }
        }
    }

    @Test func tenBitI420ReducesTo8Bit420ByDroppingTwoBits() throws {
        let width = 3, height = 3
        let info = VideoInfo(format: .i420_10le, width: width, height: height)
        #expect(info.strides == [8, 4, 4] && info.offsets == [0, 32, 40] && info.size == 48)
        var bytes = [UInt8](repeating: 0, count: info.size)
        var samples: [[UInt16]] = [[], [], []]
        for (plane, (w, h)) in [(3, 3), (2, 2), (2, 2)].enumerated() {
            for y in 0..<h {
                for x in 0..<w {
                    let value = UInt16((plane * 300 + y * 97 + x * 251) % 1024)
                    samples[plane].append(value)
                    let at = info.offsets[plane] + y * info.strides[plane] + 2 * x
                    bytes[at] = UInt8(value & 0xFF)
                    bytes[at + 1] = UInt8(value >> 8)
                }
            }
        }
        let shifted = samples.map { $0.map { UInt8($0 >> 2) } }
        let i420 = try convert(bytes, .i420_10le, to: .i420, width, height)
        // I420 3×3: luma rows of 4 bytes (4 rows: the height rounds up to even), chroma rows of 4 bytes.
        var expected = [UInt8](repeating: 0, count: 32)
        for y in 0..<3 { for x in 0..<3 { expected[y * 4 + x] = shifted[0][y * 3 + x] } }
        for plane in 1...2 {
            for y in 0..<2 { for x in 0..<2 { expected[16 + (plane - 1) * 8 + y * 4 + x] = shifted[plane][y * 2 + x] } }
        }
        #expect(i420 == expected)
        let nv12 = try convert(bytes, .i420_10le, to: .nv12, width, height)
        #expect(Array(nv12[16..<20]) == [shifted[1][0], shifted[2][0], shifted[1][1], shifted[2][1]])
        #expect(try convert(bytes, .i420_10le, to: .i420_10le, width, height) == bytes)
        // 8-bit formats do not become 10-bit, nor does 10-bit become RGB in one step.
        let eightBit = VideoInfo(format: .i420, width: width, height: height).caps
        #expect(!VideoConvert().transformCaps(eightBit, from: .sink).description.contains("I420_10LE"))
        let tenBitOut = VideoConvert().transformCaps(info.caps, from: .sink).structures.first?["format"]
        #expect(tenBitOut == .list(["I420_10LE", "I420", "YV12", "NV12", "NV21"].map { .string($0) }))
        var element = VideoConvert()
        #expect(throws: ElementError("videoconvert cannot convert I420_10LE to RGBA.")) {
            try element.setCaps(input: info.caps, output: VideoInfo(format: .rgba, width: width, height: height).caps)
        }
    }

    @Test func transformCapsFreesTheFormatAndKeepsTheSize() throws {
        let caps = try Caps(parsing: "video/x-raw,format=NV12,width=64,height=48,framerate=25/1,colorimetry=bt601")
        let other = VideoConvert().transformCaps(caps, from: .sink)
        let s = try #require(other.structures.first)
        #expect(other.structures.count == 1)
        #expect(s.int("width") == 64 && s.int("height") == 48 && s.fraction("framerate") == Fraction(25, 1))
        #expect(s["colorimetry"] == nil)
        guard case .list(let formats)? = s["format"] else { Issue.record("format is not a list"); return }
        #expect(formats.count == VideoFormat.eightBitFormats.count)
        #expect(formats.first == .string("NV12"))
        #expect(VideoConvert().transformCaps(other, from: .src).structures.first?.int("width") == 64)
    }

    @Test func keepsTheInputFormatWhenTheOutputIsOpen() throws {
        let input = VideoInfo(format: .yuy2, width: 8, height: 4).caps
        let harness = try ElementHarness(VideoConvert(), inputCaps: input)
        #expect(harness.outputCaps == input)
        let bytes = (0..<64).map { UInt8($0) }
        #expect(try harness.push(Buffer(copying: bytes)) == .ok)
        #expect(harness.pull()?.byteArray == bytes)
        try harness.finish()
    }

    @Test func refusesAChangeOfSize() {
        #expect(throws: (any Error).self) {
            try ElementHarness(
                VideoConvert(), inputCaps: VideoInfo(format: .rgba, width: 8, height: 4).caps,
                outputCaps: VideoInfo(format: .i420, width: 4, height: 4).caps)
        }
    }
}

extension LazySequenceProtocol {
    /// This sequence (one pixel) repeated `pixels` times.
    fileprivate func cycled(_ pixels: Int) -> [Element] {
        let one = Array(self)
        return (0..<pixels).flatMap { _ in one }
    }
}
