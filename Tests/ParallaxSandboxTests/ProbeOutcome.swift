import CParallaxLinux
import Glibc
import Testing
import ParallaxSandbox

/// The result of running one probe in a forked child under a sandbox (see `px_probe_start`).
struct ProbeOutcome {
    /// The child's report, or nil when it died before writing one (killed by seccomp or the OOM killer).
    var report: px_probe_report?
    /// The wait status.
    var status: Int32

    var exitedCleanly: Bool { px_wifexited(status) != 0 && px_wexitstatus(status) == 0 }
    var signal: Int32? { px_wifsignaled(status) != 0 ? px_wtermsig(status) : nil }

    /// Forks a child that applies `sandbox` through the same C path as `SandboxApplier.apply` and runs
    /// `probe`; `beforeRelease` gets the child's pid while it waits at its gate (to move it into a cgroup).
    static func run(
        _ sandbox: ElementSandbox, probe: Int32, path: String = "", bytes: UInt64 = 0, fd: Int32 = -1,
        beforeRelease: (Int32) throws -> Void = { _ in }
    ) throws -> ProbeOutcome {
        var child = px_probe_child()
        let started = try SandboxApplier.withPlan(for: sandbox) { plan in
            path.withCString { px_probe_start(plan, probe, $0, bytes, fd, &child) }
        }
        #expect(started == 0)
        do {
            try beforeRelease(child.pid)
        } catch {
            _ = kill(child.pid, SIGKILL)
            var report = px_probe_report()
            var got: Int32 = 0
            var status: Int32 = 0
            _ = px_probe_finish(&child, &report, &got, &status)
            throw error
        }
        var report = px_probe_report()
        var got: Int32 = 0
        var status: Int32 = 0
        #expect(px_probe_finish(&child, &report, &got, &status) == 0)
        return ProbeOutcome(report: got != 0 ? report : nil, status: status)
    }
}
