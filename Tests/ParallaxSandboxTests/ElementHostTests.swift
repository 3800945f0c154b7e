import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxSandbox
import Testing

/// Real element hosts: the stock `parallax-element-host` (built beside this test binary) spawned with
/// `posix_spawn`, driven over its control socket and watched through its pidfd. Nothing waits with a sleep:
/// every step blocks on the socket or the pidfd.
@Suite(.enabled(if: getuid() == 0, "needs root")) struct ElementHostTests {
    /// The `/proc/<pid>/status` fields, name → value with the tabs of multi-value fields kept.
    static func status(of pid: pid_t) -> [String: String] {
        guard let file = fopen("/proc/\(pid)/status", "r") else { return [:] }
        defer { fclose(file) }
        var fields: [String: String] = [:]
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let value = text[text.index(after: colon)...].drop { $0 == "\t" || $0 == " " }
            var trimmed = String(value)
            while trimmed.hasSuffix("\n") { trimmed.removeLast() }
            fields[String(text[..<colon])] = trimmed
        }
        return fields
    }

    /// The descriptor numbers open in `pid`.
    static func descriptors(of pid: pid_t) -> [Int] {
        guard let directory = opendir("/proc/\(pid)/fd") else { return [] }
        defer { closedir(directory) }
        var result: [Int] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let number = Int(name) { result.append(number) }
        }
        return result.sorted()
    }

    @Test func computeHostCompletesTheHandshakeAndIsSandboxedWhileItRuns() throws {
        let host = try ElementHostProcess()
        let report = try host.start(sandbox: .strict(.compute))
        #expect(report.failure == nil)
        #expect(report.applied == [
            .unshare, .mounts, .hostname, .setgroups, .setgid, .setuid, .parentDeathSignal, .noNewPrivileges,
            .seccomp,
        ])
        #expect(report.namespaces == .standard)
        #expect(report.missingNamespaces.isEmpty)

        let fields = Self.status(of: host.pid)
        #expect(fields["Uid"] == "65534\t65534\t65534\t65534")
        #expect(fields["Gid"] == "65534\t65534\t65534\t65534")
        #expect(fields["NoNewPrivs"] == "1")
        #expect(fields["Seccomp"] == "2")
        #expect(Self.descriptors(of: host.pid) == [0, 1, 2, 3])
        #expect(!host.hasExited)

        #expect(try host.shutdown() == .exited(0))
        #expect(host.hasExited)
    }

    @Test func aHostKilledWithSIGKILLIsSeenThroughItsPidfd() throws {
        let host = try ElementHostProcess()
        try host.start(sandbox: .strict(.compute))
        #expect(!host.hasExited)
        try host.terminate()
        var entry = pollfd(fd: host.pidDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, -1) == 1)
        #expect(entry.revents & Int16(POLLIN) != 0)
        #expect(try host.wait() == .signaled(SIGKILL))
        #expect(try host.wait() == .signaled(SIGKILL))
        #expect(kill(host.pid, 0) == -1 && errno == ESRCH)
    }

    @Test func aRefusedSandboxStepIsNamedAndTheHostExits() throws {
        var hard = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &hard)
        var sandbox = ElementSandbox.strict(.compute)
        sandbox.limits.openFiles = hard.rlim_max == rlim_t.max ? UInt64.max - 1 : UInt64(hard.rlim_max) + 1
        let host = try ElementHostProcess()
        #expect {
            try host.start(sandbox: sandbox)
        } throws: { error in
            "\(error)".contains("refused rlimit-nofile")
        }
        #expect(try host.wait() == .exited(ParallaxHost.ExitCode.sandboxRefused))
    }

    @Test func theHostRejectsGarbageAndExits() throws {
        let host = try ElementHostProcess()
        guard case .hello(_, let pid) = try host.receive() else {
            Issue.record("no hello")
            return
        }
        #expect(pid == host.pid)
        try host.channel.sendFrame([0x50, 0x58, ControlMessage.version, 2, 0xff, 0xff, 0xff, 0x7f])
        guard case .error(let text) = try host.receive() else {
            Issue.record("no error reply")
            return
        }
        #expect(text.contains("exceeds the limit"))
        #expect(try host.wait() == .exited(ParallaxHost.ExitCode.protocolViolation))
    }

    @Test func dropsAndReapsARunningHost() throws {
        var pid: pid_t = 0
        do {
            let host = try ElementHostProcess()
            pid = host.pid
            _ = try host.receive()
        }
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
    }
}

/// Spawning errors and the control protocol's decoder; no root needed.
@Suite struct ElementHostProtocolTests {
    @Test func spawningAMissingExecutableSaysWhich() {
        #expect {
            _ = try ElementHostProcess(executable: "/nonexistent/parallax-element-host")
        } throws: { error in
            guard let error = error as? ElementHostError else { return false }
            return error == .spawnFailed(executable: "/nonexistent/parallax-element-host", errno: ENOENT)
                && error.description == "element host: cannot start /nonexistent/parallax-element-host: "
                    + "no such file (errno 2)"
        }
    }

    @Test func theStockHostLiesBesideTheTestBinary() {
        #expect(ElementHostProcess.stockExecutable.hasSuffix("/parallax-element-host"))
        #expect(access(ElementHostProcess.stockExecutable, X_OK) == 0)
    }

    @Test(arguments: [
        ControlMessage.hello(version: 1, pid: 4242),
        .element(
            HostedElementSpec(
                index: 3, factory: "videoscale", name: "scale", properties: [.init(name: "method", text: "nearest")],
                inputCaps: "video/x-raw, width=(int)64", outputCaps: nil)),
        .started(3),
        .arena(ArenaGrant(id: 9, slotSize: 4096, slotCount: 16, writable: true)),
        .work(
            WorkOrder(
                element: 1, input: SlotReference(arena: 2, slot: 5, length: 100), output: nil,
                metadata: BufferMetadata(pts: .milliseconds(40), sequence: 7, flags: .discont))),
        .done(WorkResult(status: .dropped, outputLength: 12, metadata: BufferMetadata(duration: .seconds(1)))),
        .endOfStream(2),
        .configure(.strict(.compute)),
        .configure(ElementSandbox(
            profile: .files, namespaces: [.user, .pid], hostname: nil, dropToNobody: false, noNewPrivileges: false,
            parentDeathSignal: nil, limits: ResourceLimits(addressSpaceBytes: 1 << 30, cpuSeconds: 5, openFiles: 64,
                                                           processes: 3),
            cgroup: CgroupLimits(memoryBytes: 1 << 26, cpuQuotaMicroseconds: 50_000, pids: 16),
            violationAction: .errno(EPERM), allowsFallback: true)),
        .ready(SandboxReport(result: px_sandbox_result(applied: 0b10_0000_0110, namespaces: px_clone_newnet(),
                                                       failed_step: 0, failed_errno: 0),
                             requested: .standard)),
        .error("sandbox: the kernel refused rlimit-nofile (errno 1) — ünïcode"),
        .shutdown,
    ])
    func everyMessageRoundTrips(_ message: ControlMessage) throws {
        #expect(try ControlMessage.decode(message.encoded()) == message)
    }

    @Test func garbageFramesAreRejectedWithAReason() {
        let v = ControlMessage.version
        let shutdown = ControlMessage.shutdown.encoded()
        let hello = ControlMessage.hello(version: 1, pid: 7).encoded()
        let cases: [([UInt8], ControlProtocolError)] = [
            ([], .truncated(needed: 8, available: 0)),
            ([0x50, 0x58, v], .truncated(needed: 8, available: 3)),
            ([0x47, 0x53, 1, 5, 0, 0, 0, 0], .badMagic),
            ([0x50, 0x58, 9, 5, 0, 0, 0, 0], .unsupportedVersion(9)),
            ([0x50, 0x58, v, 99, 0, 0, 0, 0], .unknownType(99)),
            ([0x50, 0x58, v, 5, 0xff, 0xff, 0xff, 0xff], .tooLarge(0xffff_ffff)),
            (shutdown + [0], .lengthMismatch(declared: 0, actual: 1)),
            ([0x50, 0x58, v, 1, 4, 0, 0, 0, 1, 0, 0, 0], .truncated(needed: 4, available: 0)),
            ([0x50, 0x58, v, 5, 1, 0, 0, 0, 0], .trailingBytes(1)),
            ([0x50, 0x58, v, 1, 8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0], .invalidField("hello.pid")),
            ([0x50, 0x58, v, 4, 5, 0, 0, 0, 1, 0, 0, 0, 0xff], .invalidField("error.text")),
            ([0x50, 0x58, v, 4, 4, 0, 0, 0, 1, 0x10, 0, 0], .invalidField("error.text")),
            ([0x50, 0x58, v, 3, 12, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0], .invalidField("ready.applied")),
            ([0x50, 0x58, v, 2, 1, 0, 0, 0, 7], .invalidField("sandbox.profile")),
        ]
        for (frame, expected) in cases {
            #expect(throws: expected) { try ControlMessage.decode(frame) }
        }
        #expect(throws: ControlProtocolError.lengthMismatch(declared: 8, actual: 7)) {
            try ControlMessage.decode(Array(hello.dropLast()))
        }
    }

    /// Every truncation and many single-byte corruptions of valid frames either decode or throw; none traps.
    @Test func mutatedFramesNeverCrashTheDecoder() {
        var generator = SystemRandomNumberGenerator()
        let frames = [
            ControlMessage.configure(.strict(.network)).encoded(),
            ControlMessage.ready(SandboxReport(result: px_sandbox_result(), requested: .standard)).encoded(),
            ControlMessage.error("x").encoded(),
        ]
        var rejected = 0
        for frame in frames {
            for length in 0..<frame.count {
                #expect(throws: ControlProtocolError.self) { try ControlMessage.decode(Array(frame[..<length])) }
            }
            for _ in 0..<2000 {
                var mutated = frame
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                mutated[index] = UInt8.random(in: 0...255, using: &generator)
                if (try? ControlMessage.decode(mutated)) == nil { rejected += 1 }
            }
        }
        #expect(rejected > 0)
    }
}
