import Foundation
import Testing

/// The audio, flow and video utilities end to end in `parallax-launch`, beside `gst-launch-1.0` where
/// GStreamer has the same element: what reaches the sink and what the bus shows (`-m`).
@Suite(.serialized) struct AudioFlowTests {
    static let gst = URL(fileURLWithPath: "/usr/bin/gst-launch-1.0")

    /// `pts/duration` of every buffer a `fakesink silent=false` printed (Parallax prints them to stdout,
    /// GStreamer as `last-message` with `-v`).
    static func timings(_ output: String) -> [String] {
        output.split(separator: "\n").filter { $0.contains("chain") }.compactMap { line in
            line.firstMatch(of: /pts: ([0-9:.]+), duration: ([0-9:.]+)/).map { "\($0.1)/\($0.2)" }
        }
    }

    /// The element messages `-m` printed from element `name`.
    static func messages(_ output: String, from name: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("Got message from element \"\(name)\" (element): ")
        }
        .map { String($0.dropFirst("Got message from element \"\(name)\" (element): ".count)) }
    }

    @Test(arguments: ["10/1", "60/1"])
    func videorateMakesTheFramesGStreamerMakes(_ rate: String) async throws {
        let pipeline = [
            "videotestsrc", "num-buffers=30", "!", "video/x-raw,width=64,height=48,framerate=30/1", "!",
            "videorate", "!", "video/x-raw,framerate=\(rate)", "!", "fakesink", "silent=false",
        ]
        let mine = try await LaunchProcess.run(pipeline)
        #expect(mine.status == 0, "\(mine.stderr)")
        let timings = Self.timings(mine.stdout)
        #expect(timings.count == (rate == "10/1" ? 11 : 58))
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped the comparison: gst-launch-1.0 is not installed")
            return
        }
        let theirs = try await LaunchProcess(["-v"] + pipeline, executable: Self.gst).finish()
        #expect(theirs.status == 0)
        #expect(timings == Self.timings(theirs.stdout))
    }

    @Test func levelPostsAMessagePerIntervalOnTheBus() async throws {
        let result = try await LaunchProcess.run([
            "-m", "audiotestsrc", "num-buffers=3", "samplesperbuffer=4410", "!", "level", "!", "fakesink",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let messages = Self.messages(result.stdout, from: "level0")
        #expect(messages.count == 3)
        // audiotestsrc's default volume, 0.8: a sine 1.94 dB below full scale, rms 3.01 dB below that.
        #expect(
            messages.first?.hasPrefix(
                "level, endtime=(int)100000000, timestamp=(int)0, stream-time=(int)0, running-time=(int)0, duration=(int)100000000, rms=(double){ -4.9489"
            ) == true)
        #expect(messages.last?.contains("timestamp=(int)200000000") == true)
    }

    /// A stream starting 50 ms late: audiorate puts 50 ms of silence first, as GStreamer's does — the same
    /// buffers (sizes, timestamps, sample offsets) and the same bytes.
    @Test func audiorateFillsTheStartAsGStreamerDoes() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = [
            "audiotestsrc", "timestamp-offset=50000000", "num-buffers=3", "samplesperbuffer=1000", "!",
            "audio/x-raw,format=S16LE,rate=8000,channels=1", "!", "audiorate", "tolerance=0", "!",
        ]
        func buffers(_ output: String) -> [String] {
            output.split(separator: "\n").filter { $0.contains("chain") }.compactMap { line in
                line.firstMatch(
                    of: /\((\d+ bytes).*pts: ([0-9:.]+), duration: ([0-9:.]+), offset: (\d+), offset_end: (\d+)/
                )
                .map { "\($0.1) \($0.2) \($0.3) \($0.4)-\($0.5)" }
            }
        }
        let mine = try await LaunchProcess.run(source + ["fakesink", "silent=false"])
        let theirs = try await LaunchProcess(["-v"] + source + ["fakesink", "silent=false"], executable: Self.gst)
            .finish()
        #expect(mine.status == 0 && theirs.status == 0, "\(mine.stderr)")
        #expect(buffers(mine.stdout).first == "800 bytes 0:00:00.000000000 0:00:00.050000000 0-400")
        #expect(buffers(mine.stdout) == buffers(theirs.stdout))
        _ = try await LaunchProcess.run(source + ["filesink", "location=\(directory.path("mine.raw"))"])
        _ = try await LaunchProcess(
            source + ["filesink", "location=\(directory.path("theirs.raw"))"], executable: Self.gst
        )
        .finish()
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.path("mine.raw")))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.path("theirs.raw")))
        #expect(a.count == 6800 && a == b)
    }

    /// Whatever identity drops, audiorate's output is contiguous: each buffer starts where the last ended.
    @Test func audiorateMakesAStreamWithHolesContiguous() async throws {
        let result = try await LaunchProcess.run([
            "audiotestsrc", "num-buffers=40", "!", "identity", "drop-probability=0.4", "!", "audiorate", "tolerance=0",
            "!", "fakesink", "silent=false",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let offsets = result.stdout.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /offset: (\d+), offset_end: (\d+)/).map { (UInt64($0.1)!, UInt64($0.2)!) }
        }
        #expect(offsets.first?.0 == 0 && offsets.count >= 2)
        for (previous, next) in zip(offsets, offsets.dropFirst()) { #expect(next.0 == previous.1) }
        #expect(offsets.last.map { $0.1 % 1024 } == 0)
    }

    @Test func aClosedValvePassesNoBuffersButTheStreamEnds() async throws {
        let closed = try await LaunchProcess.run([
            "fakesrc", "num-buffers=20", "!", "valve", "drop=true", "!", "fakesink", "silent=false",
        ])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(Self.timings(closed.stdout).isEmpty && !closed.stdout.contains("chain"))
        #expect(closed.stdout.contains("Got EOS from pipeline."))
        let open = try await LaunchProcess.run([
            "fakesrc", "num-buffers=20", "!", "valve", "!", "fakesink", "silent=false",
        ])
        #expect(open.stdout.split(separator: "\n").filter { $0.contains("chain") }.count == 20)
    }

    @Test func progressreportReportsEverySecondOfStreamTime() async throws {
        let result = try await LaunchProcess.run([
            "-m", "audiotestsrc", "num-buffers=130", "!", "progressreport", "update-freq=1", "!", "fakesink",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.messages(result.stdout, from: "progressreport0") == [
                "progress, current=(int)1, format=(string)time", "progress, current=(int)2, format=(string)time",
            ])
        // The time in brackets is how long the pipeline has run (wall clock): any value, on a loaded machine too.
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("progressreport (00:") && $0.hasSuffix("): 1 seconds") })
        #expect(lines.contains { $0.hasPrefix("progressreport (00:") && $0.hasSuffix("): 2 seconds") })
    }

    @Test func fpsdisplaysinkMeasuresTheStreamRate() async throws {
        let result = try await LaunchProcess.run([
            "-m", "videotestsrc", "num-buffers=31", "!", "video/x-raw,width=64,height=48,framerate=30/1", "!",
            "fpsdisplaysink", "sync=false", "text-overlay=false",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Self.messages(result.stdout, from: "fpsdisplaysink0") == [
                "fps-measurements, fps=(double)30, droprate=(double)0, avgfps=(double)30",
                "fps-measurements, fps=(double)30, droprate=(double)0, avgfps=(double)30",
            ])
        #expect(result.stdout.contains("rendered: 15, dropped: 0, current: 30.00, average: 30.00"))
    }

    /// `sync=true` paces the frames on the clock: 17 frames at 30/1 take over half a second, none late.
    @Test func fpsdisplaysinkInRealTimeDropsNothing() async throws {
        let start = Date()
        let result = try await LaunchProcess.run([
            "-m", "videotestsrc", "num-buffers=17", "!", "video/x-raw,width=64,height=48,framerate=30/1", "!",
            "fpsdisplaysink", "fps-update-interval=250",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) >= 0.45)
        let messages = Self.messages(result.stdout, from: "fpsdisplaysink0")
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("droprate=(double)0,") })
    }

    /// `audiotestsrc ! volume` in Parallax and in GStreamer write the same bytes (audiotestsrc's sine is
    /// bit-identical to GStreamer's).
    @Test func volumeWritesWhatGStreamerWrites() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.gst.path) else {
            print("skipped: gst-launch-1.0 is not installed")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func pipeline(_ path: String) -> [String] {
            [
                "audiotestsrc", "num-buffers=4", "!", "audio/x-raw,format=S16LE,rate=44100,channels=2", "!", "volume",
                "volume=0.35", "!", "filesink", "location=\(path)",
            ]
        }
        let mine = try await LaunchProcess.run(pipeline(directory.path("mine.raw")))
        let theirs = try await LaunchProcess(pipeline(directory.path("theirs.raw")), executable: Self.gst).finish()
        #expect(mine.status == 0 && theirs.status == 0, "\(mine.stderr)")
        let a = try Data(contentsOf: URL(fileURLWithPath: directory.path("mine.raw")))
        let b = try Data(contentsOf: URL(fileURLWithPath: directory.path("theirs.raw")))
        #expect(a.count == 4 * 1024 * 4 && a == b)
    }

    /// The time drawn by timeoverlay differs from frame to frame, and only in the box.
    @Test func timeoverlayDrawsEachFramesTime() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func run(_ overlay: [String], _ name: String) async throws -> Data {
            let result = try await LaunchProcess.run(
                [
                    "videotestsrc", "num-buffers=2", "pattern=black", "!",
                    "video/x-raw,format=GRAY8,width=160,height=48,framerate=2/1", "!",
                ]
                    + overlay + ["filesink", "location=\(directory.path(name))"])
            #expect(result.status == 0, "\(result.stderr)")
            return try Data(contentsOf: URL(fileURLWithPath: directory.path(name)))
        }
        let plain = try await run([], "plain.raw")
        let drawn = try await run(["timeoverlay", "!"], "drawn.raw")
        #expect(plain.count == 2 * 160 * 48 && drawn.count == plain.count)
        let frames = [drawn.prefix(160 * 48), drawn.suffix(160 * 48)]
        #expect(frames[0] != frames[1])  // 00:00:00.000 and 00:00:00.500
        // Outside the box (25 px from the top left, 12 cells wide, 12 rows high) nothing changed.
        for (index, (a, b)) in zip(plain, drawn).enumerated() where a != b {
            let x = index % 160, y = index / 160 % 48
            #expect(x >= 24 && x < 124 && y >= 24 && y < 36, "pixel \(x),\(y) changed")
            if !(x >= 24 && x < 124 && y >= 24 && y < 36) { break }
        }
    }
}
