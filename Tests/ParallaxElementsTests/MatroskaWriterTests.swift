import ParallaxCore
import ParallaxElements
import Testing

@Suite struct MatroskaWriterTests {
    /// A 25 fps VP8 track (keyframes every 10 frames) and a 48 kHz stereo S16LE track, 2 s of each, interleaved.
    private func twoTrackFile(seekable: Bool = true) throws -> (file: [UInt8], chunks: [MatroskaWriter.Chunk]) {
        let video = try MatroskaTrack(number: 1, caps: Caps(parsing: "video/x-vp8,width=64,height=48,framerate=25/1"))
        let audio = try MatroskaTrack(
            number: 2, caps: Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=2"))
        var writer = try MatroskaWriter(
            tracks: [video, audio], docType: "matroska", writingApp: "Parallax test", seekable: seekable)
        var chunks = writer.header()
        for frame in 0..<50 {
            let time = ClockTime.milliseconds(UInt64(frame) * 40)
            let payload = [UInt8](repeating: UInt8(frame), count: 100 + frame)
            chunks += try writer.startBlock(
                track: 1, timestamp: time, duration: nil, keyframe: frame % 10 == 0, size: payload.count)
            chunks.append(MatroskaWriter.Chunk(bytes: payload))
            let samples = [UInt8](repeating: 0xA0, count: 1920 * 4)  // 40 ms of stereo S16LE
            chunks += try writer.startBlock(
                track: 2, timestamp: time, duration: .milliseconds(40), keyframe: true, size: samples.count)
            chunks.append(MatroskaWriter.Chunk(bytes: samples))
        }
        chunks += writer.finish()
        return (MatroskaFileWalker.assemble(chunks), chunks)
    }

    @Test func writesAHeaderTracksClustersAtKeyframesAndCues() throws {
        let (file, _) = try twoTrackFile()
        let walker = MatroskaFileWalker(file)
        #expect(walker.top.map(\.id) == [0x1A45_DFA3, 0x1853_8067])
        let ebml = walker.top[0]
        #expect(walker.payload(try #require(ebml.find(0x4282))) == Array("matroska".utf8))
        let segment = walker.top[1]
        #expect(segment.size == file.count - segment.payloadStart)
        #expect(segment.children.map(\.id).prefix(3) == [0x114D_9B74, 0x1549_A966, 0x1654_AE6B])
        #expect(segment.children.last?.id == 0x1C53_BB6B)

        let info = try #require(segment.find(0x1549_A966))
        #expect(walker.unsigned(try #require(info.find(0x2AD7B1))) == 1_000_000)
        #expect(walker.payload(try #require(info.find(0x4D80))) == Array("Parallax".utf8))
        #expect(walker.payload(try #require(info.find(0x5741))) == Array("Parallax test".utf8))
        #expect(walker.float(try #require(info.find(0x4489))) == 2000)

        let entries = try #require(segment.find(0x1654_AE6B)).all(0xAE)
        #expect(entries.map { walker.payload($0.find(0x86)!) } == [Array("V_VP8".utf8), Array("A_PCM/INT/LIT".utf8)])
        #expect(entries.map { walker.unsigned($0.find(0x83)!) } == [1, 2])
        #expect(walker.unsigned(entries[0].find(0x23E383)!) == 40_000_000)
        #expect(walker.unsigned(entries[0].find(0xB0)!) == 64)
        #expect(walker.unsigned(entries[0].find(0xBA)!) == 48)
        #expect(walker.float(entries[1].find(0xB5)!) == 48000)
        #expect(walker.unsigned(entries[1].find(0x9F)!) == 2)
        #expect(walker.unsigned(entries[1].find(0x6264)!) == 16)

        // A Cluster per keyframe (every 400 ms < 500 ms: every other keyframe), each with a known size.
        let clusters = segment.children.filter { $0.id == 0x1F43_B675 }
        #expect(clusters.map { walker.unsigned($0.find(0xE7)!) } == [0, 800, 1600])
        #expect(clusters.allSatisfy { $0.size != nil })
        let blocks = clusters.flatMap { $0.all(0xA3) }
        #expect(blocks.count == 100)
        let videoBlocks = blocks.filter { walker.payload($0)[0] == 0x81 }
        #expect(videoBlocks.map { walker.payload($0)[3] == 0x80 } == (0..<50).map { $0 % 10 == 0 })
        #expect(videoBlocks.map { walker.payload($0).count - 4 } == (0..<50).map { 100 + $0 })

        // Cues: one CuePoint per Cluster, pointing at it; the SeekHead points at Info, Tracks and Cues.
        let cues = try #require(segment.find(0x1C53_BB6B)).all(0xBB)
        #expect(cues.map { walker.unsigned($0.find(0xB3)!) } == [0, 800, 1600])
        #expect(
            cues.map { walker.unsigned($0.find(0xF1)!) } == clusters.map { UInt64($0.offset - segment.payloadStart) })
        let seeks = try #require(segment.find(0x114D_9B74)).all(0x4DBB)
        let targets = seeks.map { seek in
            (walker.payload(seek.find(0x53AB)!), Int(walker.unsigned(seek.find(0x53AC)!)) + segment.payloadStart)
        }
        #expect(targets.map(\.0) == [[0x15, 0x49, 0xA9, 0x66], [0x16, 0x54, 0xAE, 0x6B], [0x1C, 0x53, 0xBB, 0x6B]])
        #expect(targets.map { Array(file[$0.1..<($0.1 + 4)]) } == targets.map(\.0))
    }

    @Test func aLiveStreamKeepsUnknownSizesWithoutCuesOrDuration() throws {
        let (file, chunks) = try twoTrackFile(seekable: false)
        #expect(chunks.allSatisfy { $0.overwriteOffset == nil })
        let walker = MatroskaFileWalker(file)
        let segment = walker.top[1]
        #expect(segment.size == nil)
        #expect(segment.find(0x4489) == nil)
        #expect(segment.find(0x1C53_BB6B) == nil)
        #expect(segment.find(0x1F43_B675)?.size == nil)
    }

    @Test func aBlockTooFarFromItsClusterStartsANewOne() throws {
        let track = try MatroskaTrack(number: 1, caps: Caps(parsing: "video/x-vp9,width=8,height=8"))
        var writer = try MatroskaWriter(tracks: [track], docType: "webm", writingApp: "Parallax")
        var writer2 = writer
        _ = writer.header()
        _ = writer2.header()
        let first = try writer.startBlock(track: 1, timestamp: .zero, duration: nil, keyframe: true, size: 1)
        let late = try writer.startBlock(track: 1, timestamp: .seconds(40), duration: nil, keyframe: false, size: 1)
        #expect(first.count == 2)  // Cluster, SimpleBlock header
        #expect(late.count == 3)  // the old Cluster's size, a new Cluster, the SimpleBlock header
        #expect(late[0].overwriteOffset != nil)
        #expect(throws: ElementError("no track 2 in this Matroska file (it has 1)")) {
            try writer2.startBlock(track: 2, timestamp: .zero, duration: nil, keyframe: true, size: 1)
        }
    }

    @Test func capsMatroskaCannotCarryAreRefused() throws {
        #expect(throws: ElementError("video/x-h264 cannot be stored in Matroska")) {
            try MatroskaTrack(number: 1, caps: Caps(parsing: "video/x-h264,width=8,height=8"))
        }
        #expect(throws: ElementError("a Matroska file needs at least one track")) {
            try MatroskaWriter(tracks: [], docType: "matroska", writingApp: "Parallax")
        }
    }
}
