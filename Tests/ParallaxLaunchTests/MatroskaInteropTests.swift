import Foundation
import Parallax
import Testing

/// `matroskamux`, `webmmux` and `matroskademux` against ffmpeg, ffprobe and GStreamer.
@Suite("Matroska interop with ffmpeg and GStreamer")
struct MatroskaInteropTests {
    @Test("raw video muxed by matroskamux is read by ffprobe and decoded by ffmpeg to the same frames")
    func ffmpegReadsRawVideo() async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mkv = directory.path("raw.mkv"), raw = directory.path("raw.yuv")
        let source = [
            "videotestsrc", "num-buffers=10", "pattern=ball", "!",
            "video/x-raw,format=I420,width=64,height=48,framerate=25/1", "!",
        ]
        let muxed = try await LaunchProcess.run(source + ["matroskamux", "!", "filesink", "location=\(mkv)"])
        #expect(muxed.status == 0, "\(muxed.stderr)")
        let plain = try await LaunchProcess.run(source + ["filesink", "location=\(raw)"])
        #expect(plain.status == 0)
        #expect(
            try ContainerTool.probe(
                ffprobe, mkv, "stream=codec_name,width,height,pix_fmt,r_frame_rate,nb_read_frames:format=duration",
                countFrames: true)
                == [
                    "stream|codec_name=rawvideo|width=64|height=48|pix_fmt=yuv420p|r_frame_rate=25/1|nb_read_frames=10",
                    "format|duration=0.400000",
                ])
        #expect(
            try ContainerTool.probe(ffprobe, mkv, "packet=pts_time,flags")
                == (0..<10).map { "packet|pts_time=0.\(String(format: "%02d", $0 * 4))0000|flags=K_" })
        let decoded = try ContainerTool.run(ffmpeg, ["-v", "error", "-i", mkv, "-f", "rawvideo", "-"])
        #expect(decoded.status == 0)
        #expect(decoded.stdout == (try Data(contentsOf: URL(fileURLWithPath: raw))))
    }

    @Test(
        "VP8 and VP9 from ffmpeg's IVF through ivfparse ! webmmux: ffprobe and GStreamer read the file and its Cues",
        arguments: ["libvpx", "libvpx-vp9"])
    func webmFromIVF(_ encoder: String) async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe"),
            let gstLaunch = ContainerTool.find("gst-launch-1.0")
        else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ivf = directory.path("in.ivf"), webm = directory.path("out.webm"), copy = directory.path("copy.ivf")
        let encoded = try ContainerTool.run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames", "30", "-g", "10",
                "-c:v", encoder, ivf,
            ])
        guard encoded.status == 0 else {
            print("skipped: ffmpeg cannot encode with \(encoder): \(encoded.stderr)")
            return
        }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(ivf)", "!", "ivfparse", "!", "webmmux", "!", "filesink", "location=\(webm)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let codec = encoder == "libvpx" ? "vp8" : "vp9"
        #expect(
            try ContainerTool.probe(
                ffprobe, webm, "stream=codec_name,width,height,nb_read_frames:format=format_name,duration",
                countFrames: true)
                == [
                    "stream|codec_name=\(codec)|width=64|height=48|nb_read_frames=30",
                    "format|format_name=matroska,webm|duration=1.200000",
                ])
        let packets = try ContainerTool.probe(ffprobe, webm, "packet=pts_time,flags")
        #expect(packets.count == 30)
        #expect(packets.first == "packet|pts_time=0.000000|flags=K_")
        #expect(packets.last == "packet|pts_time=1.160000|flags=__")
        #expect(packets.filter { $0.hasSuffix("K_") }.count == 3)
        // The frames are ffmpeg's, unchanged.
        let copied = try ContainerTool.run(ffmpeg, ["-v", "error", "-y", "-i", webm, "-c", "copy", copy])
        #expect(copied.status == 0)
        #expect(try ContainerTool.ivfFrames(copy) == ContainerTool.ivfFrames(ivf))
        // GStreamer's matroskademux finds the Cues through the SeekHead: a Cluster per keyframe group.
        let gst = try ContainerTool.run(
            gstLaunch, ["-q", "filesrc", "location=\(webm)", "!", "matroskademux", "!", "fakesink"],
            environment: ["GST_DEBUG": "matroskareadcommon:5", "GST_DEBUG_NO_COLOR": "1"])
        #expect(gst.status == 0)
        let index = gst.stderr.split(separator: "\n").filter { $0.contains("Index entry:") }
            .map { $0.components(separatedBy: "time=").last ?? "" }
        #expect(index.map { $0.prefix(17) } == ["0:00:00.000000000", "0:00:00.800000000"])
        if ContainerTool.find("gst-discoverer-1.0") != nil {
            let discovered = try ContainerTool.run("/usr/bin/gst-discoverer-1.0", [webm])
            #expect(discovered.status == 0)
            #expect(discovered.text.contains("Duration: 0:00:01.200000000"))
        }
    }

    @Test("ffmpeg's raw video Matroska file: matroskademux gives ffmpeg's frames byte for byte")
    func readsFFmpegRawVideo() async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mkv = directory.path("a.mkv"), ours = directory.path("ours.yuv")
        let encoded = try ContainerTool.run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames", "5", "-c:v",
                "rawvideo",
                "-pix_fmt", "yuv420p", mkv,
            ])
        #expect(encoded.status == 0)
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(mkv)", "!", "matroskademux", "!", "video/x-raw,format=I420,width=64,height=48", "!",
            "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let reference = try ContainerTool.run(ffmpeg, ["-v", "error", "-i", mkv, "-f", "rawvideo", "-"])
        let frameBytes: Int = 64 * 48 * 3 / 2
        #expect(reference.stdout.count == 5 * frameBytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ours)) == reference.stdout)
    }

    @Test("ffmpeg's VP8 Matroska file: matroskademux ! ivfmux gives ffmpeg's frames with their times")
    func readsFFmpegVP8() async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let mkv = directory.path("a.mkv"), ours = directory.path("ours.ivf"), reference = directory.path("ref.ivf")
        let encoded = try ContainerTool.run(
            ffmpeg,
            [
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=25", "-frames", "5", "-c:v",
                "libvpx",
                mkv,
            ])
        guard encoded.status == 0 else {
            print("skipped: ffmpeg cannot encode VP8: \(encoded.stderr)")
            return
        }
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(mkv)", "!", "matroskademux", "!", "ivfmux", "!", "filesink", "location=\(ours)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let copied = try ContainerTool.run(
            ffmpeg, ["-v", "error", "-y", "-i", mkv, "-c", "copy", "-f", "ivf", reference])
        #expect(copied.status == 0)
        #expect(try ContainerTool.ivfFrames(ours) == ContainerTool.ivfFrames(reference))
        #expect(try ContainerTool.ivfFrames(ours).count == 5)
        #expect(
            try ContainerTool.probe(ffprobe, ours, "packet=pts_time")
                == ["0.000000", "0.040000", "0.080000", "0.120000", "0.160000"].map { "packet|pts_time=\($0)" })
    }

    @Test("live streams: ffmpeg's unknown-size WebM is read, and matroskamux streamable=true is read by ffprobe")
    func liveStreams() async throws {
        guard let ffmpeg = ContainerTool.find("ffmpeg"), let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let live = directory.path("live.webm"), ours = directory.path("live.ivf"), streamed = directory.path("s.mkv")
        // Written to a pipe, ffmpeg cannot go back: the Segment's size stays unknown.
        let encoded = try ContainerTool.run(
            "/bin/sh",
            [
                "-c",
                "'\(ffmpeg)' -v error -f lavfi -i testsrc=size=64x48:rate=25 -frames 5 -c:v libvpx -f webm - > '\(live)'",
            ])
        guard encoded.status == 0 else {
            print("skipped: ffmpeg cannot encode VP8: \(encoded.stderr)")
            return
        }
        let header = [UInt8](try Data(contentsOf: URL(fileURLWithPath: live)))
        let segment = try #require(
            header.indices.dropLast(12).first { Array(header[$0..<($0 + 4)]) == [0x18, 0x53, 0x80, 0x67] })
        #expect(Array(header[(segment + 4)..<(segment + 12)]) == [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        let demuxed = try await LaunchProcess.run([
            "filesrc", "location=\(live)", "!", "matroskademux", "!", "ivfmux", "!", "filesink", "location=\(ours)",
        ])
        #expect(demuxed.status == 0, "\(demuxed.stderr)")
        #expect(try ContainerTool.ivfFrames(ours).count == 5)
        let muxed = try await LaunchProcess.run([
            "videotestsrc", "num-buffers=20", "!", "video/x-raw,format=I420,width=64,height=48,framerate=25/1", "!",
            "matroskamux", "streamable=true", "!", "filesink", "location=\(streamed)",
        ])
        #expect(muxed.status == 0)
        #expect(
            try ContainerTool.probe(
                ffprobe, streamed, "stream=codec_name,nb_read_frames:format=duration", countFrames: true)
                == ["stream|codec_name=rawvideo|nb_read_frames=20", "format|duration=N/A"])
    }

    @Test("a video and an audio track written by MatroskaWriter are both read by ffprobe")
    func twoTracksReadByFFprobe() throws {
        guard let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("av.mkv")
        let video = try MatroskaTrack(
            number: 1, caps: Caps(parsing: "video/x-raw,format=I420,width=16,height=16,framerate=10/1"))
        let audio = try MatroskaTrack(
            number: 2, caps: Caps(parsing: "audio/x-raw,format=S16LE,layout=interleaved,rate=8000,channels=2"))
        var writer = try MatroskaWriter(tracks: [video, audio], docType: "matroska", writingApp: "Parallax")
        var chunks = writer.header()
        for index in 0..<10 {
            let time = ClockTime.milliseconds(UInt64(index) * 100)
            chunks += try writer.startBlock(track: 1, timestamp: time, duration: nil, keyframe: true, size: 384)
            chunks.append(MatroskaWriter.Chunk(bytes: [UInt8](repeating: UInt8(index), count: 384)))
            chunks += try writer.startBlock(
                track: 2, timestamp: time, duration: .milliseconds(100), keyframe: true, size: 3200)
            chunks.append(MatroskaWriter.Chunk(bytes: [UInt8](repeating: 0, count: 3200)))
        }
        chunks += writer.finish()
        var file = Data()
        for chunk in chunks {
            if let offset = chunk.overwriteOffset.map(Int.init) {
                file.replaceSubrange(offset..<(offset + chunk.bytes.count), with: chunk.bytes)
            } else {
                file.append(contentsOf: chunk.bytes)
            }
        }
        try file.write(to: URL(fileURLWithPath: path))
        #expect(
            try ContainerTool.probe(
                ffprobe, path, "stream=codec_name,width,height,sample_rate,channels,nb_read_frames:format=duration",
                countFrames: true)
                == [
                    "stream|codec_name=rawvideo|width=16|height=16|nb_read_frames=10",
                    "stream|codec_name=pcm_s16le|sample_rate=8000|channels=2|nb_read_frames=10",
                    "format|duration=1.000000",
                ])
    }

    @Test("matroskamux with a video and an audio pad: ffprobe reads both tracks, GStreamer demuxes both")
    func videoAndAudioPads() async throws {
        guard let ffprobe = ContainerTool.find("ffprobe") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("av.mkv")
        // audiotestsrc ! m. takes an audio pad, videotestsrc ! m. a video pad, as GStreamer's parser picks them.
        let output = try await LaunchProcess.run([
            "matroskamux", "name=m", "!", "filesink", "location=\(path)",
            "videotestsrc", "num-buffers=25", "!", "video/x-raw,format=I420,width=32,height=24,framerate=25/1", "!", "m.",
            "audiotestsrc", "num-buffers=47", "!", "audio/x-raw,format=S16LE,rate=48000,channels=2", "!", "m.",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(
            try ContainerTool.probe(
                ffprobe, path, "stream=codec_name,width,height,sample_rate,channels,nb_read_frames:format=duration",
                countFrames: true)
                == [
                    "stream|codec_name=pcm_s16le|sample_rate=48000|channels=2|nb_read_frames=47",
                    "stream|codec_name=rawvideo|width=32|height=24|nb_read_frames=25",
                    "format|duration=1.002000",
                ])
        guard let gst = ContainerTool.find("gst-launch-1.0") else { return }
        let frames = directory.path("frames.raw"), samples = directory.path("samples.raw")
        let demuxed = try await LaunchProcess(
            ["-q", "filesrc", "location=\(path)", "!", "matroskademux", "name=d",
             "d.video_0", "!", "queue", "!", "filesink", "location=\(frames)",
             "d.audio_0", "!", "queue", "!", "filesink", "location=\(samples)"],
            executable: URL(fileURLWithPath: gst)).finish()
        #expect(demuxed.status == 0, "\(demuxed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: frames)).count == 25 * 32 * 24 * 3 / 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: samples)).count == 47 * 1024 * 4)
    }

    @Test("raw audio both ways: GStreamer's matroskademux reads what matroskamux writes, and the reverse")
    func rawAudioWithGStreamer() async throws {
        guard let gstLaunch = ContainerTool.find("gst-launch-1.0"), let ffprobe = ContainerTool.find("ffprobe")
        else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let ours = directory.path("ours.mkv"), theirs = directory.path("theirs.mkv")
        let plain = directory.path("plain.raw"), fromOurs = directory.path("a.raw"),
            fromTheirs = directory.path("b.raw")
        let source = "audiotestsrc num-buffers=10 ! audio/x-raw,format=S16LE,rate=48000,channels=2 !"
        let words = source.split(separator: " ").map(String.init)
        #expect(try await LaunchProcess.run(words + ["matroskamux", "!", "filesink", "location=\(ours)"]).status == 0)
        #expect(try await LaunchProcess.run(words + ["filesink", "location=\(plain)"]).status == 0)
        #expect(
            try ContainerTool.probe(
                ffprobe, ours, "stream=codec_name,sample_rate,channels,nb_read_frames:format=duration",
                countFrames: true)
                == [
                    "stream|codec_name=pcm_s16le|sample_rate=48000|channels=2|nb_read_frames=10",
                    "format|duration=0.213000",
                ])
        let gstRead = try ContainerTool.run(
            gstLaunch,
            [
                "-q", "filesrc", "location=\(ours)", "!", "matroskademux", "!", "filesink", "location=\(fromOurs)",
            ])
        #expect(gstRead.status == 0)
        let expected = try Data(contentsOf: URL(fileURLWithPath: plain))
        #expect(expected.count == 10 * 1024 * 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromOurs)) == expected)
        let gstWrite = try ContainerTool.run(
            gstLaunch, ["-q"] + words + ["matroskamux", "!", "filesink", "location=\(theirs)"])
        #expect(gstWrite.status == 0)
        let output = try await LaunchProcess.run([
            "filesrc", "location=\(theirs)", "!", "matroskademux", "!", "filesink", "location=\(fromTheirs)",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let gstPlain = try ContainerTool.run(gstLaunch, ["-q"] + words + ["filesink", "location=\(plain)"])
        #expect(gstPlain.status == 0)
        let theirPlain = try Data(contentsOf: URL(fileURLWithPath: plain))
        #expect(theirPlain.count == 10 * 1024 * 4)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fromTheirs)) == theirPlain)
    }

    @Test("garbage and truncated Matroska input fail with the element ID and byte position")
    func badInputFails() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let garbage = directory.path("garbage.mkv"), cut = directory.path("cut.mkv")
        try Data("#EXTM3U\n#EXT-X-VERSION:3\n".utf8).write(to: URL(fileURLWithPath: garbage))
        let made = try await LaunchProcess.run([
            "videotestsrc", "num-buffers=2", "!", "video/x-raw,format=I420,width=64,height=48", "!", "matroskamux",
            "!", "filesink", "location=\(cut)",
        ])
        #expect(made.status == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: cut))
        try whole.prefix(whole.count - 5000).write(to: URL(fileURLWithPath: cut))
        let bad = try await LaunchProcess.run(["filesrc", "location=\(garbage)", "!", "matroskademux", "!", "fakesink"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "ERROR: from element /pipeline0/matroskademux0: matroskademux: not a Matroska stream: the element at byte 0 is 0x234558, not the EBML header 0x1A45DFA3"
            ))
        let truncated = try await LaunchProcess.run([
            "filesrc", "location=\(cut)", "!", "matroskademux", "!", "fakesink",
        ])
        #expect(truncated.status == 1)
        #expect(
            truncated.stderr.contains(
                "ERROR: from element /pipeline0/matroskademux0: matroskademux: the stream ended at byte \(whole.count - 5000) inside element 0xA3 at byte"
            ))
    }
}
