import CParallaxLinux
import Glibc
import ParallaxSandbox
import Testing

/// Real-kernel checks: each case runs in a forked child that sandboxes itself, so this process is unharmed.
/// Dropping to nobody and unsharing namespaces need root, as element hosts started by the supervisor have.
@Suite(.enabled(if: getuid() == 0, "needs root")) struct SandboxTests {
    /// The strict policy, but denials answer EPERM so the child can report them.
    static func denying(_ profile: SandboxProfile) -> ElementSandbox {
        var sandbox = ElementSandbox.strict(profile)
        sandbox.violationAction = .errno(EPERM)
        return sandbox
    }

    @Test func computeDeniesOpenWithEACCESWhateverTheViolationAction() throws {
        let outcome = try ProbeOutcome.run(Self.denying(.compute), probe: Int32(PX_PROBE_OPEN), path: "/etc/passwd")
        let report = try #require(outcome.report)
        #expect(report.apply_rc == 0)
        #expect(report.rc == -1 && report.err == EACCES)
        #expect(outcome.exitedCleanly)
    }

    @Test func computeRefusesOpenWithEACCESInsteadOfKilling() throws {
        let outcome = try ProbeOutcome.run(.strict(.compute), probe: Int32(PX_PROBE_OPEN), path: "/etc/passwd")
        let report = try #require(outcome.report)
        #expect(report.rc == -1 && report.err == EACCES)
        #expect(outcome.exitedCleanly)
    }

    @Test func computeDeniesSocketAndExec() throws {
        let socket = try ProbeOutcome.run(Self.denying(.compute), probe: Int32(PX_PROBE_SOCKET_INET))
        let socketReport = try #require(socket.report)
        #expect(socketReport.rc == -1 && socketReport.err == EPERM)
        let exec = try ProbeOutcome.run(Self.denying(.compute), probe: Int32(PX_PROBE_EXECVE), path: "/bin/true")
        let execReport = try #require(exec.report)
        #expect(execReport.rc == -1 && execReport.err == EPERM)
    }

    @Test func computeAllowsThreadsButNotProcesses() throws {
        let fork = try ProbeOutcome.run(Self.denying(.compute), probe: Int32(PX_PROBE_FORK))
        let forkReport = try #require(fork.report)
        #expect(forkReport.rc == -1 && forkReport.err == EPERM)
        let thread = try ProbeOutcome.run(.strict(.compute), probe: Int32(PX_PROBE_THREAD))
        let threadReport = try #require(thread.report)
        #expect(threadReport.rc == 0, "pthread_create errno \(threadReport.err)")
        #expect(thread.exitedCleanly)
    }

    @Test func networkAllowsSocket() throws {
        let outcome = try ProbeOutcome.run(.strict(.network), probe: Int32(PX_PROBE_SOCKET_INET))
        let report = try #require(outcome.report)
        #expect(report.rc == 0 && report.err == 0)
        #expect(outcome.exitedCleanly)
    }

    @Test func filesReadsPassedDescriptorButCannotOpen() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        var byte: UInt8 = 42
        #expect(write(fds[1], &byte, 1) == 1)
        close(fds[1])
        let read = try ProbeOutcome.run(Self.denying(.files), probe: Int32(PX_PROBE_READ_FD), fd: fds[0])
        let readReport = try #require(read.report)
        #expect(readReport.rc == 0 && readReport.value == 1 && readReport.value2 == 42)
        let open = try ProbeOutcome.run(Self.denying(.files), probe: Int32(PX_PROBE_OPEN), path: "/etc/passwd")
        let openReport = try #require(open.report)
        #expect(openReport.rc == -1 && openReport.err == EACCES)
    }

    @Test func dropsToNobodyAndReportsEveryStep() throws {
        let outcome = try ProbeOutcome.run(.strict(.compute), probe: Int32(PX_PROBE_GETUID))
        let report = try #require(outcome.report)
        #expect(report.value == 65534 && report.value2 == 65534)
        let applied = SandboxReport(result: report.sandbox, requested: .standard)
        #expect(applied.failure == nil)
        #expect(applied.namespaces == .standard)
        #expect(
            applied.description
                == "applied: unshare,mounts,hostname,setgroups,setgid,setuid,pdeathsig,no-new-privs,seccomp")
    }

    @Test func refusedStepIsNamed() throws {
        var sandbox = ElementSandbox.strict(.compute)
        sandbox.limits.openFiles = UInt64.max - 1  // above the hard limit: setrlimit answers EPERM as nobody
        let outcome = try ProbeOutcome.run(sandbox, probe: Int32(PX_PROBE_NOTHING))
        let report = try #require(outcome.report)
        #expect(report.apply_rc == -1)
        let applied = SandboxReport(result: report.sandbox, requested: .standard)
        #expect(applied.failure == .refused(step: .openFilesLimit, errno: EPERM))
        #expect(applied.failure?.description == "sandbox: the kernel refused rlimit-nofile (errno 1)")
    }
}

extension SandboxTests {
    /// Why `.pid` is not in `.standard`: after unshare(CLONE_NEWPID) the kernel refuses new threads.
    @Test func unsharingPidNamespaceForbidsThreads() throws {
        var sandbox = ElementSandbox.strict(.compute)
        sandbox.namespaces = [.pid]
        let outcome = try ProbeOutcome.run(sandbox, probe: Int32(PX_PROBE_THREAD))
        let report = try #require(outcome.report)
        #expect(report.rc == -1 && report.err == EINVAL)
    }
}
