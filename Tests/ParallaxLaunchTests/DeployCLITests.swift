import Foundation
import Testing

/// `parallax-launch deploy`: real runs of several pipelines, restarts, interrupts, the plan and the units.
@Suite struct DeployCLITests {
    /// Writes `yaml` as `site.yaml` in `directory` and returns its path.
    static func write(_ yaml: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("site.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The pid in each `deploy: started NAME (pid N)` or `deploy: restarted NAME (pid N)` line.
    static func pids(_ lines: [String]) -> [Int32] {
        lines.compactMap { line in
            guard line.hasPrefix("deploy: started ") || line.hasPrefix("deploy: restarted "),
                let open = line.range(of: "(pid "), line.hasSuffix(")")
            else { return nil }
            return Int32(line[open.upperBound..<line.index(before: line.endIndex)])
        }
    }

    /// Whether any process is left with this pid, or in the process group this pid led.
    static func leftOver(_ pid: Int32) -> Bool {
        if FileManager.default.fileExists(atPath: "/proc/\(pid)") { return true }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.contains { entry in
            guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.range(of: ") ", options: .backwards)
            else { return false }
            let fields = stat[close.upperBound...].split(separator: " ")
            return fields.count > 2 && Int32(fields[2]) == pid  // state, ppid, pgrp
        }
    }

    @Test func pipelinesStartInDependencyOrderAndFinish() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            """
            pipelines:
              second:
                description: fakesrc num-buffers=3 sizetype=fixed sizemax=16 ! filesink location=${DIR}/second.bin
                depends_on: first
                restart: never
              first:
                description: fakesrc num-buffers=5 sizetype=fixed sizemax=16 ! filesink location=${DIR}/first.bin
                sandbox: compute
            """, in: directory)
        let result = try await LaunchProcess.run(["deploy", "--set", "DIR=\(directory.url.path)", path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdoutLines
        let firstPlaying = try #require(lines.firstIndex(of: "first | Setting pipeline to PLAYING ..."))
        let secondStarted = try #require(lines.firstIndex { $0.hasPrefix("deploy: started second (pid ") })
        #expect(lines.first?.hasPrefix("deploy: started first (pid ") == true)
        #expect(firstPlaying < secondStarted)
        #expect(lines.contains("first | Got EOS from pipeline."))
        #expect(lines.contains("deploy: first finished (exited with status 0)"))
        #expect(lines.contains("deploy: second finished (exited with status 0)"))
        #expect(ExternalTool.bytes(directory.path("first.bin")).count == 5 * 16)
        #expect(ExternalTool.bytes(directory.path("second.bin")).count == 3 * 16)
        for pid in Self.pids(lines) { #expect(!Self.leftOver(pid)) }
    }

    @Test func aFailingPipelineIsRestartedThenFailsTheDeploymentAndStopsTheOthers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            """
            pipelines:
              live:
                description: videotestsrc is-live=true ! video/x-raw,width=32,height=24,framerate=30/1 ! fakesink
              broken:
                description: filesrc location=/nonexistent/input.bin ! fakesink
                depends_on: live
                restart: { policy: on-failure, max-restarts: 2, backoff: 10ms }
            """, in: directory)
        let result = try await LaunchProcess.run(["deploy", path])
        #expect(result.status == 1)
        let lines = result.stdoutLines
        #expect(
            lines.contains("deploy: broken exited with status 1; restart 1 in 10ms (at most 2 in 60s)"),
            "\(result.stdout)")
        #expect(lines.contains("deploy: broken exited with status 1; restart 2 in 20ms (at most 2 in 60s)"))
        #expect(lines.filter { $0.hasPrefix("deploy: restarted broken (pid ") }.count == 2)
        #expect(lines.contains("deploy: live stopped (exited with status 0)"))
        #expect(
            result.stderr.contains(
                "broken | ERROR: from element /pipeline0/filesrc0: Could not open file \"/nonexistent/input.bin\" for reading.\n"
            ))
        #expect(
            result.stderr.hasSuffix(
                "error: pipeline \"broken\" exited with status 1 after 2 restarts (restart: on-failure, at most 2 in 60s); "
                    + "stopping the deployment\n"), "\(result.stderr)")
        for pid in Self.pids(lines) { #expect(!Self.leftOver(pid)) }
    }

    @Test func anInterruptStopsEveryPipelineLastStartedFirstAndLeavesNoProcess() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let live = "videotestsrc is-live=true ! video/x-raw,width=32,height=24,framerate=30/1 ! fakesink"
        let path = try Self.write(
            """
            pipelines:
              a:
                description: \(live)
                restart: always
              b:
                description: \(live)
                depends_on: a
                sandbox: compute
            """, in: directory)
        let process = try LaunchProcess(["deploy", path], pipeStdout: true)
        #expect(process.read(until: "b | Setting pipeline to PLAYING ...\n"))
        process.interrupt()
        let result = try await process.finish()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdoutLines
        let stopB = try #require(lines.firstIndex(of: "deploy: b stopped (exited with status 0)"), "\(result.stdout)")
        let stopA = try #require(lines.firstIndex(of: "deploy: a stopped (exited with status 0)"))
        #expect(lines.contains("deploy: SIGINT: stopping every pipeline"))
        #expect(stopB < stopA)
        #expect(lines.contains("b | Got EOS from pipeline."))
        let pids = Self.pids(lines)
        #expect(pids.count == 2)
        for pid in pids { #expect(!Self.leftOver(pid)) }
    }

    /// An element that hangs in its first buffer (`chaos action=hang`, sleeping for ever) keeps the end-of-stream
    /// an interrupt asks for from reaching the sink, so the pipeline does not stop until it is killed.
    @Test func aPipelineThatDoesNotStopInTimeIsKilledWithItsProcessGroup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            """
            pipelines:
              stuck:
                description: fakesrc ! chaos action=hang ! fakesink
            """, in: directory)
        let process = try LaunchProcess(
            ["deploy", "--stop-timeout", "300ms", path], pipeStdout: true, environment: ["PARALLAX_CHAOS": "1"])
        #expect(process.read(until: "stuck | Setting pipeline to PLAYING ...\n"))
        // Interrupt once the streaming thread sleeps in the hanging element (clock_nanosleep, 230), not before.
        #expect(Self.waitForThread("fakesrc0", inSyscall: 230, childOf: process.process.processIdentifier))
        process.interrupt()
        let result = try await process.finish()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.contains("deploy: stuck did not stop within 300ms; killing it"), "\(result.stdout)")
        #expect(lines.last == "deploy: stuck stopped (killed by SIGKILL)")
        let pids = Self.pids(lines)
        #expect(pids.count == 1)
        for pid in pids { #expect(!Self.leftOver(pid)) }
    }

    @Test func dryRunPrintsThePlanWithSetVariables() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            """
            pipelines:
              sink:
                description: fakesrc num-buffers=${N} ! fakesink
                depends_on: [source]
              source:
                description: fakesrc num-buffers=${N:-1} ! fakesink
                restart: never
            """, in: directory)
        let result = try await LaunchProcess(["deploy", "--dry-run", "--set", "N=4", path], environment: ["N": "9"])
            .finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                1. source
                   description: fakesrc num-buffers=4 ! fakesink
                   restart: never
                   sandbox: none
                2. sink (after source)
                   description: fakesrc num-buffers=4 ! fakesink
                   restart: on-failure (at most 5 restarts in 60s, backoff 1s)
                   sandbox: none

                """)
    }

    @Test func anErrorInTheFileStartsNothingAndExitsWithTwo() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            "pipelines:\n  a:\n    description: fakesrc ! fakesink\n    depends_on: [b]\n", in: directory)
        let result = try await LaunchProcess.run(["deploy", path])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                error: pipeline "a": depends_on: no pipeline "b"
                 --> \(path):4:18
                  |
                4 |     depends_on: [b]
                  |                  ^
                  = note: pipelines: a

                """)
        let missing = try await LaunchProcess.run(["deploy", directory.path("absent.yaml")])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read \(directory.path("absent.yaml")): No such file or directory\n")
        let usage = try await LaunchProcess.run(["deploy", "--set", "1X=2", path])
        #expect(usage.status == 64)
        #expect(usage.stderr.hasPrefix("Error: --set takes VAR=VALUE, got \"1X=2\".\n"), "\(usage.stderr)")
    }

    @Test func emittedUnitsPassSystemdAnalyzeVerify() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.write(
            """
            pipelines:
              capture:
                description: videotestsrc is-live=true ! ipc_sink path=/run/parallax/capture.sock
                restart: always
                sandbox: compute
              publish:
                description: ipc_src path=/run/parallax/capture.sock ! fakesink
                depends_on: capture
                sandbox: network
                environment: { SITE: lab }
            """, in: directory)
        let units = directory.path("units")
        let result = try await LaunchProcess.run(["deploy", "--emit-systemd", units, path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = ["parallax-capture.service", "parallax-publish.service"].map { units + "/" + $0 }
        #expect(result.stdoutLines == files)
        let capture = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(capture.contains("\nExecStart=\(LaunchProcess.executable.path) --quiet \"videotestsrc is-live=true ! "))
        guard let analyze = ExternalTool.find("systemd-analyze") else { return }
        let verify = try await LaunchProcess(
            ["verify"] + files, executable: analyze, environment: ["SYSTEMD_LOG_COLOR": "0"]
        ).finish()
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(!verify.stderr.contains("parallax-"), "\(verify.stderr)")
    }

    /// The three-pipeline deployment of the distribution work: a test source serves an `ipc_sink`; an `ipc_src`
    /// feeds an AV1 encoder and `zenoh_pub`; `zenoh_sub` writes what arrives through a real Zenoh router to a file.
    /// Needs the eclipse-zenoh environment `scripts/install-deps.sh` makes (skipped with a reason without it).
    /// The same file's systemd units pass `systemd-analyze verify`.
    @Test func cameraEncoderAndRecorderRunEndToEndThroughZenoh() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-zenoh/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            print("skipped: \(python.path) is missing (scripts/install-deps.sh makes it)")
            return
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let port = Self.freePort()
        let router = Process()
        let reports = Pipe()
        router.executableURL = python
        router.arguments = [
            root.appendingPathComponent("Tests/Interop/zenoh_node.py").path, "router", "--listen",
            "tcp/127.0.0.1:\(port)",
        ]
        router.standardError = reports
        router.standardOutput = FileHandle.nullDevice
        try router.run()
        defer {
            router.terminate()
            router.waitUntilExit()
        }
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("ready\n") {
            let chunk = reports.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the router ended: \(String(decoding: said, as: UTF8.self))")
            said += chunk
        }
        let path = try Self.write(
            """
            version: 1
            pipelines:
              capture:
                description: >-
                  videotestsrc is-live=true num-buffers=90
                  ! video/x-raw,format=I420,width=64,height=48,framerate=30/1
                  ! ipc_sink path=${RUN}/capture.sock
              encode:
                description: ipc_src path=${RUN}/capture.sock ! av1enc ! zenoh_pub key=${SITE}/camera/1 connect=${ROUTER}
                depends_on: capture
              record:
                description: zenoh_sub key=${SITE}/camera/1 connect=${ROUTER} ! filesink location=${RUN}/camera.obu
                depends_on: [encode]
            """, in: directory)
        let result = try await LaunchProcess(
            ["deploy", "--set", "RUN=\(directory.url.path)", "--set", "ROUTER=tcp/127.0.0.1:\(port)", path],
            environment: ["SITE": "lab"]
        ).finish()
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for name in ["capture", "encode", "record"] {
            #expect(result.stdoutLines.contains("deploy: \(name) finished (exited with status 0)"), "\(result.stdout)")
        }
        #expect(ExternalTool.bytes(directory.path("camera.obu")).count > 1000)
        // The same file as systemd units.
        let units = directory.path("units")
        let emitted = try await LaunchProcess(
            [
                "deploy", "--emit-systemd", units, "--set", "RUN=/run/parallax", "--set", "ROUTER=tcp/127.0.0.1:7447",
                path,
            ],
            environment: ["SITE": "lab"]
        ).finish()
        #expect(emitted.status == 0, "\(emitted.stderr)")
        guard let analyze = ExternalTool.find("systemd-analyze") else { return }
        let verify = try await LaunchProcess(["verify"] + emitted.stdoutLines, executable: analyze).finish()
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    /// Waits until a child process of `parent` has a thread called `name` blocked in system call `number`
    /// (by `/proc/PID/task/TID/syscall`); false if none is within 10 seconds.
    static func waitForThread(_ name: String, inSyscall number: Int, childOf parent: Int32) -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        let files = FileManager.default
        while ContinuousClock.now < deadline {
            for entry in (try? files.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(entry) != nil {
                guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                    let close = stat.range(of: ") ", options: .backwards),
                    Int32(stat[close.upperBound...].split(separator: " ")[1]) == parent
                else { continue }
                for task in (try? files.contentsOfDirectory(atPath: "/proc/\(entry)/task")) ?? [] {
                    let base = "/proc/\(entry)/task/\(task)/"
                    guard (try? String(contentsOfFile: base + "comm", encoding: .utf8)) == name + "\n",
                        let call = try? String(contentsOfFile: base + "syscall", encoding: .utf8),
                        call.split(separator: " ").first == Substring(String(number))
                    else { continue }
                    return true
                }
            }
            sched_yield()
        }
        return false
    }

    /// A TCP port free on 127.0.0.1 right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
