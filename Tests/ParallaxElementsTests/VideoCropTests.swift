import Parallax
import ParallaxTesting
import Testing

@Suite struct VideoCropTests {
    typealias Support = VideoEffectSupport

    static func crop(left: Int = 0, right: Int = 0, top: Int = 0, bottom: Int = 0) -> VideoCrop {
        var element = VideoCrop()
        (element.left, element.right, element.top, element.bottom) = (left, right, top, bottom)
        return element
    }

    @Test func keepsTheInnerRectangleOfGray8() throws {
        let info = VideoInfo(format: .gray8, width: 6, height: 5)
        let input = Support.frame(info) { _, x, y in UInt8(10 * y + x) }
        let out = VideoInfo(format: .gray8, width: 3, height: 2)
        let frame = try Support.process(Self.crop(left: 1, right: 2, top: 2, bottom: 1), input, from: info, to: out)
        #expect(Support.rows(frame, bytes: 3, rows: 2) == [[21, 22, 23], [31, 32, 33]])
    }

    @Test func rgbaMovesWholePixels() throws {
        let info = VideoInfo(format: .rgba, width: 4, height: 2)
        let input = Support.frame(info) { _, x, y in UInt8(100 * y + x) }
        let frame = try Support.process(
            Self.crop(left: 3, bottom: 1), input, from: info, to: VideoInfo(format: .rgba, width: 1, height: 1))
        #expect(Support.rows(frame, bytes: 4, rows: 1) == [[12, 13, 14, 15]])
    }

    @Test func oddLeftAndTopStartI420ChromaAtTheCoveringSample() throws {
        let info = VideoInfo(format: .i420, width: 8, height: 6)
        let input = Support.frame(info) { plane, x, y in
            plane == 0 ? UInt8(10 * y + x) : UInt8(plane * 100 + 10 * y + x)
        }
        let out = VideoInfo(format: .i420, width: 4, height: 3)
        let frame = try Support.process(Self.crop(left: 3, right: 1, top: 1, bottom: 2), input, from: info, to: out)
        #expect(Support.rows(frame, bytes: 4, rows: 3) == [[13, 14, 15, 16], [23, 24, 25, 26], [33, 34, 35, 36]])
        // Chroma column 1 (pixel 3 is in the pair 2…3) and row 0 (line 1 is in the pair 0…1).
        #expect(Support.rows(frame, bytes: 2, rows: 2, plane: 1) == [[101, 102], [111, 112]])
        #expect(Support.rows(frame, bytes: 2, rows: 2, plane: 2) == [[201, 202], [211, 212]])
    }

    @Test func noCropPassesTheBufferThrough() throws {
        #expect(VideoCrop().isPassthrough)
        #expect(!Self.crop(bottom: 1).isPassthrough)
    }

    @Test func negotiationRemovesTheCropDownstream() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! video/x-raw,format=NV12,width=320,height=240 ! videocrop left=10 right=20 top=30 ! fakesink",
            from: "videocrop0", to: "fakesink0")
        #expect(try #require(Support.size(caps)) == (290, 210))
    }

    @Test func negotiationAddsTheCropUpstream() throws {
        let caps = try Support.negotiatedCaps(
            "videotestsrc ! videocrop left=10 right=10 bottom=4 ! video/x-raw,width=300,height=200 ! fakesink",
            from: "videotestsrc0", to: "videocrop0")
        #expect(try #require(Support.size(caps)) == (320, 204))
    }

    @Test func transformCapsClampsToOnePixelAsGStreamer() throws {
        let caps = try Caps(parsing: "video/x-raw, format=(string)GRAY8, width=(int)[ 1, 100 ], height=(int)50")
        let other = Self.crop(left: 60, top: 70).transformCaps(caps, from: .sink)
        #expect(other.structures.first?["width"] == .intRange(1...40, step: 1))
        #expect(other.structures.first?["height"] == .int(1))
    }

    /// What a downstream template without a size (videobox's, videobalance's) turns into upstream.
    @Test func capsWithoutASizeStayWithoutOne() throws {
        let caps = try Caps(parsing: "video/x-raw, format=(string){ I420, NV12 }")
        let other = Self.crop(left: 2, top: 4).transformCaps(caps, from: .src)
        #expect(other.structures.count == 1)
        #expect(other.structures.first?["width"] == nil)
        #expect(other.structures.first?["height"] == nil)
    }

    @Test func aCropLargerThanTheFrameIsAnElementError() throws {
        let input = VideoInfo(format: .gray8, width: 64, height: 48)
        #expect(throws: ElementError("videocrop cannot crop 40+40 columns and 0+0 rows from a 64×48 frame.")) {
            _ = try ElementHarness(
                Self.crop(left: 40, right: 40), inputCaps: input.caps,
                outputCaps: VideoInfo(format: .gray8, width: 1, height: 48).caps)
        }
    }

    @Test func aCropLargerThanTheFrameFailsNegotiationNamingTheElement() throws {
        let launch = "videotestsrc ! video/x-raw,width=64,height=48 ! videocrop left=40 right=40 ! fakesink"
        let pipeline = try Pipeline(launch: launch)
        #expect {
            _ = try pipeline.negotiate()
        } throws: { error in
            guard let error = error as? PipelineError, case .negotiation = error else { return false }
            // From the source to the factory name of the element that cannot take its input.
            let span = String(repeating: "^", count: "videotestsrc ! video/x-raw,width=64,height=48 ! videocrop".count)
            #expect(
                error.rendered(in: launch) == """
                    error: could not link videotestsrc0 to videocrop0: no common format
                     --> 1:1
                      |
                    1 | \(launch)
                      | \(span)
                      = note: the constraints of the whole graph leave no format for this link
                    """)
            return true
        }
    }

    @Test func propertiesMatchGStreamer() throws {
        for name in ["top", "bottom", "left", "right"] {
            let property = try #require(VideoCrop.descriptor.property(named: name))
            #expect(property.type == .int(0...Int64(Int32.max)))
            #expect(property.get(VideoCrop()) == .int(0))
        }
    }
}
