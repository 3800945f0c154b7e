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

    private func harness<A: Aggregator>(_ element: A, _ inputs: [(String, String)]) throws -> AggregatorHarness<A> {
        try AggregatorHarness(element, inputs: inputs.map { ($0.0, try Caps(parsing: $0.1)) })
    }

    @Test func muxesFramesAndCorrectsTheHeaderAtEndOfStream() throws {
        let harness = try harness(MatroskaMux(), [("video_0", "video/x-vp8,width=64,height=48,framerate=25/1")])
        #expect(harness.outputCaps == Caps("video/x-matroska"))
        for index in 0..<3 {
            harness.queue(frame(UInt8(index), count: 10, ms: UInt64(index) * 40, delta: index > 0), on: 0)
        }
        #expect(try harness.run() == .needData(pad: 0))
        var outputs = harness.pullAll()
        // the header and Cluster, then a SimpleBlock header and the frame (forwarded, not copied) for each buffer
        #expect(outputs.allSatisfy { !$0.metadata.flags.contains(.overwrite) })
        #expect(outputs.suffix(4).map(\.byteArray.count) == [6, 10, 6, 10])
        #expect(outputs.last?.byteArray == [UInt8](repeating: 2, count: 10))
        harness.end(0)
        #expect(try harness.run() == .endOfStream)
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
    }

    @Test func videoAndAudioTracksInterleaveInTimeOrder() throws {
        let harness = try harness(MatroskaMux(), [
            ("video_0", "video/x-vp8,width=64,height=48,framerate=25/1"),
            ("audio_0", "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=1"),
        ])
        for index in 0..<3 { harness.queue(frame(1, count: 10, ms: UInt64(index) * 40, delta: index > 0), on: 0) }
        for index in 0..<6 { harness.queue(frame(2, count: 320, ms: UInt64(index) * 20), on: 1) }
        // Pad 0 runs out first (its next frame could be earlier than audio at 100 ms): the muxer waits for it.
        #expect(try harness.run() == .needData(pad: 0))
        harness.end(0)
        harness.end(1)
        #expect(try harness.run() == .endOfStream)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        let segment = walker.top[1]
        #expect(segment.all(0xAE).count == 2)
        // Track numbers of the SimpleBlocks in file order: video 0 ms, audio 0, 20; video 40, audio 40, 60; …
        let tracks = segment.all(0xA3).map { walker.payload($0)[0] & 0x7F }
        #expect(tracks == [1, 2, 2, 1, 2, 2, 1, 2, 2])
        #expect(walker.float(try #require(segment.find(0x4489))) == 120)
    }

    @Test func streamableOutputHasNoCorrections() throws {
        var mux = MatroskaMux()
        mux.streamable = true
        let harness = try harness(mux, [("audio_0", "audio/x-raw,format=F32LE,layout=interleaved,rate=8000,channels=1")])
        let kept = frame(1, count: 32, ms: 0)
        harness.queue(kept, on: 0)
        harness.end(0)
        #expect(try harness.run() == .endOfStream)
        let outputs = harness.pullAll()
        #expect(outputs.last?.storage === kept.storage)  // the frame itself, forwarded
        #expect(outputs.allSatisfy { !$0.metadata.flags.contains(.overwrite) })
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(outputs))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("A_PCM/FLOAT/IEEE".utf8))
        #expect(walker.unsigned(try #require(entry.find(0x6264))) == 32)
    }

    @Test func webmmuxWritesWebMAndTakesOnlyWebMCodecs() throws {
        let harness = try harness(WebMMux(), [("video_0", "video/x-vp9,width=16,height=16,framerate=30/1")])
        #expect(harness.outputCaps == Caps("video/webm"))
        harness.queue(frame(7, count: 4, ms: 0), on: 0)
        harness.end(0)
        #expect(try harness.run() == .endOfStream)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        #expect(walker.payload(try #require(walker.top[0].find(0x4282))) == Array("webm".utf8))
        #expect(walker.payload(try #require(walker.top[1].find(0x86))) == Array("V_VP9".utf8))
        #expect(throws: HarnessError.self) {
            try self.harness(WebMMux(), [("video_0", "video/x-raw,format=I420,width=16,height=16")])
        }
    }

    @Test func av1TracksGetTheAv1CRecordFromTheFirstSequenceHeader() throws {
        // A temporal delimiter and the sequence header libaom writes for 64x48 4:2:0 (profile 0, level 0);
        // the expected record is the CodecPrivate ffmpeg writes for the same stream.
        let sequenceHeader: [UInt8] = [0x0A, 0x0A, 0x00, 0x00, 0x00, 0x02, 0xAF, 0xF7, 0x9B, 0x5F, 0x20, 0x08]
        let harness = try harness(
            MatroskaMux(), [("video_0", "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48")])
        var unit = Buffer(copying: [0x12, 0x00] + sequenceHeader + [0x32, 0x01, 0x00])
        unit.metadata.pts = .zero
        #expect(try harness.run() == .needData(pad: 0))  // the header waits for the first temporal unit
        harness.queue(unit, on: 0)
        harness.end(0)
        #expect(try harness.run() == .endOfStream)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("V_AV1".utf8))
        #expect(walker.payload(try #require(entry.find(0x63A2))) == [0x81, 0x00, 0x0C, 0x00] + sequenceHeader)
    }

    @Test func rawVideoCarriesItsFourCC() throws {
        let harness = try harness(MatroskaMux(), [("video_0", "video/x-raw,format=I420,width=16,height=16,framerate=10/1")])
        harness.end(0)  // no frames: the header and its corrections only
        #expect(try harness.run() == .endOfStream)
        let walker = MatroskaFileWalker(MatroskaFileWalker.assemble(harness.pullAll()))
        let entry = try #require(walker.top[1].find(0xAE))
        #expect(walker.payload(try #require(entry.find(0x86))) == Array("V_UNCOMPRESSED".utf8))
        #expect(walker.payload(try #require(entry.find(0x2EB524))) == Array("I420".utf8))
        #expect(walker.unsigned(try #require(entry.find(0x23E383))) == 100_000_000)
    }
}
