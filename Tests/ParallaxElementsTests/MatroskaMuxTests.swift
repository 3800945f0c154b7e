import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct MatroskaMuxTests {
    private func frame(_ value: UInt8, count: Int, ms: UInt64, delta: Bool = false) -> Buffer {
        var buffer = Buffer(copying: [UInt8](repeating: value, count: count))
        buffer.metadata = BufferMetadata(pts: .milliseconds(ms), flags: delta ? .deltaUnit : [])
        return buffer
    }

    @Test func muxesFramesAndCorrectsTheHeaderAtEndOfStream() throws {
        let caps = try Caps(parsing: "video/x-vp8,width=64,height=48,framerate=25/1")
        let harness = try ElementHarness(MatroskaMux(), inputCaps: caps)
        #expect(harness.outputCaps == Caps("video/x-matroska"))
        for index in 0..<3 {
            #expect(try harness.push(frame(UInt8(index), count: 10, ms: UInt64(index) * 40, delta: index > 0)) == .ok)
        }
        var outputs = harness.pullAll()
        // header and Cluster (emitted in pieces of the 10-byte input's size here), then a SimpleBlock header and
        // the frame (the input's memory) for each buffer
        #expect(outputs.allSatisfy { !$0.metadata.flags.contains(.overwrite) })
        #expect(outputs.suffix(4).map(\.byteArray.count) == [6, 10, 6, 10])
        #expect(outputs.last?.byteArray == [UInt8](repeating: 2, count: 10))
        try harness.pushEvent(.eos)
        let tail = harness.pullAll()
        // the Cluster's size, the Cues, the Seek entry, the Segment size, the Duration
        #expect(tail.map { $0.metadata.flags.contains(.overwrite) } == [true, false, true, true, true])
        outputs += tail
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(outputs))
        let segment = walker.top[1]
        #expect(segment.size == walker.bytes.count - segment.payloadStart)
        #expect(walker.float(try #require(segment.find(0x4489))) == 120)
        #expect(segment.all(0xA3).map { walker.payload($0)[3] } == [0x80, 0, 0])
        #expect(segment.all(0xBB).count == 1)
        #expect(walker.payload(try #require(walker.top[0].find(0x4282))) == Array("matroska".utf8))
        try harness.finish()
    }

    @Test func streamableOutputHasNoCorrections() throws {
        var mux = MatroskaMux()
        mux.streamable = true
        let caps = try Caps(parsing: "audio/x-raw,format=F32LE,layout=interleaved,rate=8000,channels=1")
        let harness = try ElementHarness(mux, inputCaps: caps)
        let kept = frame(1, count: 32, ms: 0)  // held here too: the muxer copies it instead of working in place
        #expect(try harness.push(kept) == .ok)
        try harness.pushEvent(.eos)
        let outputs = harness.pullAll()
        #expect(outputs.count == 4)
        #expect(outputs[3].byteArray == kept.byteArray)
        #expect(outputs.allSatisfy { !$0.metadata.flags.contains(.overwrite) })
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(outputs))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("A_PCM/FLOAT/IEEE".utf8))
        #expect(walker.unsigned(try #require(entry.find(0x6264))) == 32)
        try harness.finish()
    }

    @Test func webmmuxWritesWebMAndTakesOnlyWebMCodecs() throws {
        let caps = try Caps(parsing: "video/x-vp9,width=16,height=16,framerate=30/1")
        let harness = try ElementHarness(WebMMux(), inputCaps: caps)
        #expect(harness.outputCaps == Caps("video/webm"))
        #expect(try harness.push(frame(7, count: 4, ms: 0)) == .ok)
        try harness.pushEvent(.eos)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        #expect(walker.payload(try #require(walker.top[0].find(0x4282))) == Array("webm".utf8))
        #expect(walker.payload(try #require(walker.top[1].find(0x86))) == Array("V_VP9".utf8))
        try harness.finish()
        #expect(throws: HarnessError.self) {
            try ElementHarness(WebMMux(), inputCaps: Caps(parsing: "video/x-raw,format=I420,width=16,height=16"))
        }
    }

    @Test func av1TracksGetTheAv1CRecordFromTheFirstSequenceHeader() throws {
        // A temporal delimiter and the sequence header libaom writes for 64x48 4:2:0 (profile 0, level 0);
        // the expected record is the CodecPrivate ffmpeg writes for the same stream.
        let sequenceHeader: [UInt8] = [0x0A, 0x0A, 0x00, 0x00, 0x00, 0x02, 0xAF, 0xF7, 0x9B, 0x5F, 0x20, 0x08]
        let caps = try Caps(parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48")
        let harness = try ElementHarness(MatroskaMux(), inputCaps: caps)
        var unit = Buffer(copying: [0x12, 0x00] + sequenceHeader + [0x32, 0x01, 0x00])
        unit.metadata.pts = .zero
        #expect(try harness.push(unit) == .ok)
        try harness.pushEvent(.eos)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("V_AV1".utf8))
        #expect(walker.payload(try #require(entry.find(0x63A2))) == [0x81, 0x00, 0x0C, 0x00] + sequenceHeader)
        try harness.finish()
    }

    @Test func rawVideoCarriesItsFourCC() throws {
        let caps = try Caps(parsing: "video/x-raw,format=I420,width=16,height=16,framerate=10/1")
        let harness = try ElementHarness(MatroskaMux(), inputCaps: caps)
        try harness.pushEvent(.eos)  // no frames: the header and its corrections only
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("V_UNCOMPRESSED".utf8))
        #expect(walker.payload(try #require(entry.find(0x2EB524))) == Array("I420".utf8))
        #expect(walker.unsigned(try #require(entry.find(0x23E383))) == 100_000_000)
        try harness.finish()
    }
}
