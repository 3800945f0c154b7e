import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct MatroskaDemuxTests {
    /// A file with a VP8 track (frames 0…4, keyframe first) and an S16LE track, written by `MatroskaWriter`.
    private func file(audioFirst: Bool = false, videoFrames: Int = 5) throws -> [UInt8] {
        let video = try MatroskaTrack(number: 1, caps: Caps(parsing: "video/x-vp8,width=32,height=16,framerate=25/1"))
        let audio = try MatroskaTrack(
            number: 2, caps: Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=1"))
        var writer = try MatroskaWriter(
            tracks: audioFirst ? [audio, video] : [video, audio], docType: "webm", writingApp: "Parallax")
        let videoNumber: UInt64 = audioFirst ? 2 : 1
        var chunks = writer.header()
        for index in 0..<5 {
            if index < videoFrames {
                let frame = [UInt8](repeating: UInt8(10 + index), count: 20 + index)
                chunks += try writer.startBlock(
                    track: videoNumber, timestamp: .milliseconds(UInt64(index) * 40), duration: nil,
                    keyframe: index == 0, size: frame.count)
                chunks.append(MatroskaWriter.Chunk(bytes: frame))
            }
            let samples = [UInt8](repeating: 0x55, count: 640)
            chunks += try writer.startBlock(
                track: 3 - videoNumber, timestamp: .milliseconds(UInt64(index) * 40), duration: nil, keyframe: true,
                size: samples.count)
            chunks.append(MatroskaWriter.Chunk(bytes: samples))
        }
        chunks += writer.finish()
        return MatroskaFileWalker.assemble(chunks)
    }

    /// Runs `bytes` through a demuxer that read the header first, in pieces of `piece` bytes.
    private func demux(_ bytes: [UInt8], piece: Int = 7) throws -> (caps: Caps?, frames: [Buffer]) {
        var demux = MatroskaDemux()
        try demux.discoverFormat(fromHeader: Array(bytes.prefix(demux.headerPeekLength)))
        let harness = try ElementHarness(demux, inputCaps: Caps("video/x-matroska"))
        var frames: [Buffer] = []
        for start in stride(from: 0, to: bytes.count, by: piece) {
            #expect(try harness.push(Buffer(copying: bytes[start..<min(start + piece, bytes.count)])) == .dropped)
            frames += harness.pullAll()
        }
        try harness.finish()
        return (harness.outputCaps, frames)
    }

    @Test func readsTheVideoTrackWhateverThePieces() throws {
        let bytes = try file()
        for piece in [1, 5, 13, 23, 4096] {  // frames whole in one input, and frames gathered over several
            let (caps, frames) = try demux(bytes, piece: piece)
            #expect(caps == (try Caps(parsing: "video/x-vp8,width=32,height=16,framerate=25/1")))
            #expect(frames.map(\.byteArray) == (0..<5).map { [UInt8](repeating: UInt8(10 + $0), count: 20 + $0) })
            #expect(frames.map(\.metadata.pts) == (0..<5).map { .milliseconds(UInt64($0) * 40) })
            #expect(frames.map { $0.metadata.flags.contains(.deltaUnit) } == [false, true, true, true, true])
        }
    }

    @Test func prefersVideoAndFallsBackToAudio() throws {
        let (caps, frames) = try demux(try file(audioFirst: true))
        #expect(caps?.structures.first?.name == "video/x-vp8")
        #expect(frames.count == 5)
        let (audioCaps, audioFrames) = try demux(try audioOnlyFile())
        #expect(audioCaps == (try Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=1")))
        #expect(audioFrames.map(\.byteArray.count) == [640, 640])
    }

    private func audioOnlyFile() throws -> [UInt8] {
        let audio = try MatroskaTrack(
            number: 1, caps: Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=1"))
        var writer = try MatroskaWriter(tracks: [audio], docType: "matroska", writingApp: "Parallax")
        var chunks = writer.header()
        for index in 0..<2 {
            chunks += try writer.startBlock(
                track: 1, timestamp: .milliseconds(UInt64(index) * 40), duration: nil, keyframe: true, size: 640)
            chunks.append(MatroskaWriter.Chunk(bytes: [UInt8](repeating: 1, count: 640)))
        }
        chunks += writer.finish()
        return MatroskaFileWalker.assemble(chunks)
    }

    @Test func readsBlockGroupsWithReferencesAsDeltaFrames() throws {
        var bytes = try audioOnlyFile()
        // Replace the file's Clusters by one hand-written Cluster of BlockGroups (keyframe, then a delta frame).
        let walker = MatroskaFileWalker(bytes)
        let firstCluster = try #require(walker.top[1].children.first { $0.id == 0x1F43_B675 })
        bytes.removeSubrange(firstCluster.offset...)
        let group0: [UInt8] = [0xA0, 0x88, 0xA1, 0x86, 0x81, 0x00, 0x00, 0x00, 0xAA, 0xBB]
        let group1: [UInt8] = [0xA0, 0x8A, 0xA1, 0x85, 0x81, 0x00, 0x28, 0x00, 0xCC, 0xFB, 0x81, 0xD8]
        let cluster =
            [0x1F, 0x43, 0xB6, 0x75, 0x80 | UInt8(3 + group0.count + group1.count), 0xE7, 0x81, 0x64]
            + group0 + group1
        bytes += cluster
        let segment = walker.top[1]
        bytes.replaceSubrange(
            (segment.offset + 4)..<(segment.offset + 12), with: [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        let (_, frames) = try demux(bytes)
        #expect(frames.map(\.byteArray) == [[0xAA, 0xBB], [0xCC]])
        #expect(frames.map(\.metadata.pts) == [.milliseconds(100), .milliseconds(140)])
        #expect(frames.map { $0.metadata.flags.contains(.deltaUnit) } == [false, true])
    }

    /// The error `bytes` make the demuxer throw, read in one piece.
    private func error(_ bytes: [UInt8]) -> ElementError? {
        do {
            var demux = MatroskaDemux()
            try demux.discoverFormat(fromHeader: Array(bytes.prefix(demux.headerPeekLength)))
            let harness = try ElementHarness(demux, inputCaps: Caps("video/x-matroska"))
            _ = try harness.push(Buffer(copying: bytes))
            _ = harness.pullAll()
            try harness.finish()
        } catch let error as ElementError {
            return error
        } catch {
            return nil
        }
        return nil
    }

    @Test func badInputFailsWithTheElementAndPosition() throws {
        let good = try file()
        #expect(
            error(Array("hello, world".utf8))
                == ElementError(
                    "matroskademux: not a Matroska stream: the element at byte 0 is 0x6865, not the EBML header 0x1A45DFA3"
                ))
        #expect(
            error([0x00, 0x01])
                == ElementError(
                    "matroskademux: invalid EBML element ID at byte 0: first byte 0x00"))
        let walker = MatroskaFileWalker(good)
        let firstBlock = try #require(walker.top[1].find(0xA3))
        let cut = firstBlock.offset + 5
        #expect(
            error(Array(good.prefix(cut)))
                == ElementError(
                    "matroskademux: the stream ended at byte \(cut) inside element 0xA3 at byte \(firstBlock.offset), which has \(firstBlock.size!) bytes"
                ))
        // The first TrackEntry claims 1000 bytes, beyond the end of Tracks.
        let entry = try #require(walker.top[1].find(0xAE))
        var beyond = good
        beyond[entry.offset + 1] = 0x40 | 0x03
        beyond[entry.offset + 2] = 0xE8
        let tracks = try #require(walker.top[1].find(0x1654_AE6B))
        #expect(
            error(beyond)
                == ElementError(
                    "matroskademux: element 0xAE at byte \(entry.offset) has size 1000, beyond the end of its parent 0x1654AE6B at byte \(tracks.offset + tracks.headerLength + tracks.size!)"
                ))
        // Tracks with an unknown size.
        var unknown = good
        unknown[tracks.offset + 4] = 0xFF
        #expect(
            error(unknown)
                == ElementError(
                    "matroskademux: element 0x1654AE6B at byte \(tracks.offset) has an unknown size, which only Segment and Cluster may have"
                ))
        // A DocType Matroska readers do not know.
        var docType = good
        let docTypeStart = try #require(walker.top[0].find(0x4282)).payloadStart
        docType.replaceSubrange(docTypeStart..<(docTypeStart + 4), with: Array("webX".utf8))
        #expect(
            error(docType)
                == ElementError(
                    "matroskademux: the EBML header at byte 0 has DocType \"webX\", not \"matroska\" or \"webm\""))
    }

    @Test func aTrackThatDoesNotMatchTheNegotiatedCapsIsAnError() throws {
        // Without the header read ahead, negotiation picks raw video; the VP8 track then does not fit.
        let harness = try ElementHarness(MatroskaDemux(), inputCaps: Caps("video/x-matroska"))
        #expect(
            throws: ElementError(
                "matroskademux: track 1 is video/x-vp8, width=(int)32, height=(int)16, framerate=(fraction)25/1, but video/x-raw, format=(string)I420, width=(int)1, height=(int)1 was negotiated"
            )
        ) {
            try harness.push(Buffer(copying: try file()))
        }
        harness.stop()
    }

    @Test func damagedFilesFailCleanlyOrReadWithoutCrashing() throws {
        let good = try file()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed LCG: the same 400 damaged files on every run
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var failures = 0
        for _ in 0..<400 {
            var bytes = good
            for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            if next() % 3 == 0 { bytes.removeLast(next() % bytes.count) }
            if error(bytes) != nil { failures += 1 }
        }
        #expect(failures > 0)  // damage was found; no crash, no unbounded allocation (sizes are checked first)
    }

    @Test func anOversizedBlockIsRefusedBeforeItIsBuffered() throws {
        var bytes = try file()
        let block = try #require(MatroskaFileWalker(bytes).top[1].find(0xA3))
        // The block claims 2^40 bytes inside a Cluster of unknown size: refused at once, nothing allocated.
        let cluster = try #require(MatroskaFileWalker(bytes).top[1].find(0x1F43_B675))
        bytes.replaceSubrange(
            (cluster.offset + 4)..<(cluster.offset + 12), with: [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        bytes.replaceSubrange((block.offset + 1)..<(block.offset + 2), with: [0x08, 0x01, 0, 0, 0, 0])
        var demux = MatroskaDemux()
        try demux.discoverFormat(fromHeader: bytes)
        let harness = try ElementHarness(demux, inputCaps: Caps("video/x-matroska"))
        #expect(
            throws: ElementError(
                "matroskademux: element 0xA3 at byte \(block.offset) has size 16777216, more than the 67083 bytes accepted"
            )
        ) {
            try harness.push(Buffer(copying: bytes))
        }
        harness.stop()
    }
}
