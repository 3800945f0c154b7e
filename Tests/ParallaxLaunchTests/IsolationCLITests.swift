import Foundation
import Testing

/// `--isolated`, `--isolate`, `--group` on the command line.
@Suite struct IsolationCLITests {
    static let video = ["videotestsrc", "num-buffers=5", "pattern=ball", "!", "video/x-raw,format=I420,width=64,height=48"]

    @Test func everyIsolationOptionWritesTheSameFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var outputs: [Data] = []
        let modes: [[String]] = [[], ["--isolated"], ["--isolate", "video*", "--group", "filesink0=out"]]
        for (index, options) in modes.enumerated() {
            let path = directory.path("out\(index).yuv")
            let result = try await LaunchProcess.run(
                ["-q"] + options + Self.video + ["!", "videoconvert", "!", "filesink", "location=\(path)"])
            #expect(result.status == 0, "\(options): \(result.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let expectedBytes = 5 * 64 * 48 * 3 / 2
        #expect(outputs[0].count == expectedBytes)
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }

    @Test func verboseSaysWhereEachElementRunsAndRestartsAreWarnings() async throws {
        let result = try await LaunchProcess(
            ["-v", "--isolate", "chaos*", "fakesrc", "num-buffers=6", "!", "chaos", "action=segfault", "after=4", "!",
             "fakesink"],
            environment: ["PARALLAX_CHAOS": "1"]
        ).finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutLines.contains("/pipeline0/fakesrc0: in-process"))
        let hosted: [String] = result.stdoutLines.filter { $0.hasPrefix("/pipeline0/chaos0: own host, sandbox(profile=compute ") }
        #expect(hosted.count == 1)
        #expect(
            result.stderr.contains(
                "WARNING: from element /pipeline0/chaos0: its element host was killed by SIGSEGV; restarted (1)"),
            "\(result.stderr)")
    }

    @Test func sandboxChoosesTheHostsProfileAndNetworkKeepsTheNetwork() async throws {
        let result = try await LaunchProcess.run([
            "-v", "--sandbox", "network", "fakesrc", "num-buffers=2", "!", "fakesink",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdoutLines.contains {
                $0.hasPrefix("/pipeline0/fakesrc0: own host, sandbox(profile=network namespaces=mount,ipc,uts ")
            },
            "\(result.stdout)")
        let compute = try await LaunchProcess.run([
            "-v", "--sandbox", "compute", "--isolate", "fake*", "fakesrc", "num-buffers=2", "!", "identity", "!",
            "fakesink",
        ])
        #expect(compute.status == 0, "\(compute.stderr)")
        #expect(compute.stdoutLines.contains("/pipeline0/identity0: in-process"))
        #expect(
            compute.stdoutLines.contains {
                $0.hasPrefix("/pipeline0/fakesink0: own host, sandbox(profile=compute namespaces=mount,net,ipc,uts ")
            })
        let wrong = try await LaunchProcess.run(["--sandbox", "strict", "fakesrc", "!", "fakesink"])
        #expect(wrong.status == 64)
        #expect(
            wrong.stderr.hasPrefix("Error: --sandbox takes compute, network or files, got \"strict\".\n"),
            "\(wrong.stderr)")
    }

    @Test func aGroupWithoutAnIdIsAUsageError() async throws {
        let result = try await LaunchProcess.run(["--group", "identity0", "fakesrc", "!", "identity", "!", "fakesink"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --group takes NAME=ID, got \"identity0\".\n"), "\(result.stderr)")
    }
}
