import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct IVFParseTests {
    /// An IVF file of VP8 frames: a keyframe (tag bit 0 clear), then delta frames; timebase 1/25.
    private func file(frames: Int = 4) -> [UInt8] {
        let header = IVFHeader(
            fourCC: "VP80", width: 64, height: 48, timebaseDenominator: 25, timebaseNumerator: 1,
            frameCount: UInt32(frames))
        var bytes = header.bytes
        for index in 0..<frames {
            let frame: [UInt8] = [index == 0 ? 0x10 : 0x11] + [UInt8](repeating: UInt8(index), count: 3 + index)
            bytes += [UInt8(frame.count), 0, 0, 0, UInt8(index * 2), 0, 0, 0, 0, 0, 0, 0] + frame
        }
        return bytes
    }

    private func parse(_ bytes: [UInt8], piece: Int) throws -> (Caps?, [Buffer]) {
        var parser = IVFParse()
        try parser.discoverFormat(fromHeader: Array(bytes.prefix(parser.headerPeekLength)))
        let harness = try ElementHarness(parser, inputCaps: Caps("video/x-ivf"))
        var frames: [Buffer] = []
        for start in stride(from: 0, to: bytes.count, by: piece) {
            #expect(try harness.push(Buffer(copying: bytes[start..<min(start + piece, bytes.count)])) == .dropped)
            frames += harness.pullAll()
        }
        try harness.finish()
        return (harness.outputCaps, frames)
    }

    @Test func splitsFramesWhateverThePieces() throws {
        for piece in [1, 5, 13, 1000] {
            let (caps, frames) = try parse(file(), piece: piece)
            #expect(caps == (try Caps(parsing: "video/x-vp8,width=64,height=48,framerate=25/1")))
            #expect(frames.map(\.byteArray.count) == [4, 5, 6, 7])
            #expect(frames.map { $0.byteArray.last } == [0, 1, 2, 3])
            #expect(frames.map(\.metadata.pts) == [0, 80, 160, 240].map { .milliseconds($0) })
            #expect(frames.map { $0.metadata.flags.contains(.deltaUnit) } == [false, true, true, true])
        }
    }

    @Test func readsTheHeaderBeforeNegotiation() throws {
        var parser = IVFParse()
        try parser.discoverFormat(fromHeader: file())
        #expect(
            parser.transformCaps(Caps("video/x-ivf"), from: .sink)
                == (try Caps(parsing: "video/x-vp8,width=64,height=48,framerate=25/1")))
        #expect(throws: ElementError("ivfparse: not an IVF stream: bytes 0-3 are not \"DKIF\"")) {
            try parser.discoverFormat(fromHeader: Array("RIFF".utf8) + [UInt8](repeating: 0, count: 28))
        }
        var header = file()
        header[8] = UInt8(ascii: "H")
        #expect(throws: ElementError("ivfparse: the FourCC at byte 8 is \"HP80\", not VP80, VP90 or AV01")) {
            try parser.discoverFormat(fromHeader: header)
        }
        #expect(throws: ElementError("ivfparse: the IVF header needs 32 bytes, the stream has 10")) {
            try parser.discoverFormat(fromHeader: Array(file().prefix(10)))
        }
    }

    @Test func forwardsTheStartOfTheFirstFrameToTheParserAfterIt() {
        let parser = IVFParse()
        let bytes = file()
        #expect(parser.inputPeekLength(forOutput: 100) == 32 + 12 + 100)
        #expect(parser.leadingOutput(fromHeader: bytes) == [0x10, 0, 0, 0])
        #expect(parser.leadingOutput(fromHeader: Array(bytes.prefix(46))) == [0x10, 0])
        #expect(parser.leadingOutput(fromHeader: Array(bytes.prefix(40))) == nil)
        #expect(parser.leadingOutput(fromHeader: Array("RIFF".utf8) + bytes.dropFirst(4)) == nil)
    }

    @Test func aTruncatedFrameOrAnOversizedOneIsAnError() throws {
        #expect(throws: ElementError("ivfparse: the stream ended at byte 50 inside frame 1, which starts at byte 48")) {
            try parse(Array(file().prefix(50)), piece: 100)
        }
        var huge = file(frames: 1)
        huge.replaceSubrange(32..<36, with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(
            throws: ElementError(
                "ivfparse: frame 0 at byte 32 has 2147483647 bytes, more than the 74752 an output holds")
        ) {
            try parse(huge, piece: 100)
        }
    }

    @Test func damagedFilesFailCleanlyOrParseWithoutCrashing() throws {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D  // a fixed LCG: the same 200 damaged files on every run
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var failures = 0
        for _ in 0..<200 {
            var bytes = file()
            for _ in 0..<(1 + next() % 3) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            do {
                _ = try parse(bytes, piece: 16 + next() % 64)
            } catch is ElementError {
                failures += 1
            }
        }
        #expect(failures > 0)
    }

    @Test func keyframesOfEachCodec() {
        #expect(IVFParse.isKeyframe([0x10, 0, 0], fourCC: "VP80"))
        #expect(!IVFParse.isKeyframe([0x11, 0, 0], fourCC: "VP80"))
        #expect(IVFParse.isKeyframe([0x82, 0x49], fourCC: "VP90"))  // profile 0, key frame
        #expect(!IVFParse.isKeyframe([0x86, 0x00], fourCC: "VP90"))  // profile 0, inter frame
        #expect(!IVFParse.isKeyframe([0x88, 0x00], fourCC: "VP90"))  // show_existing_frame
        #expect(IVFParse.isKeyframe([0x12, 0x00, 0x0A, 0x01, 0x00], fourCC: "AV01"))  // temporal delimiter, sequence header
        #expect(!IVFParse.isKeyframe([0x12, 0x00, 0x32, 0x01, 0x00], fourCC: "AV01"))  // temporal delimiter, frame
    }
}
