import CParallaxLinux

/// Applies an `ElementSandbox` to the calling process, in this order: unshare namespaces → private mounts
/// and host name → setgroups/setgid/setuid → `PR_SET_PDEATHSIG` → rlimits → `PR_SET_NO_NEW_PRIVS` →
/// seccomp (TSYNC).
///
/// Meant for a freshly spawned element host before any thread starts (a user namespace cannot be entered
/// once threads exist, and the privilege drop must reach every thread). The cgroup is not joined here: the
/// supervisor creates it with `CgroupProbe` and moves the host in before letting it start.
/// The system calls are made by the C shim (`px_sandbox_apply`) from one plan, so the same path can run in a
/// forked child in tests without re-entering Swift.
public enum SandboxApplier {
    /// Builds the C plan for `sandbox` (compiling its seccomp filter) and passes it to `body`; the plan's
    /// pointers are valid only inside `body`.
    public static func withPlan<R>(
        for sandbox: ElementSandbox, _ body: (UnsafePointer<px_sandbox_plan>) throws -> R
    ) throws -> R {
        try withPlan(for: sandbox, filter: nil, body)
    }

    /// `withPlan(for:_:)` with `filter` (an exported BPF program) in place of the profile's.
    static func withPlan<R>(
        for sandbox: ElementSandbox, filter: [UInt8]?, _ body: (UnsafePointer<px_sandbox_plan>) throws -> R
    ) throws -> R {
        let bpf = try filter ?? SeccompFilter(profile: sandbox.profile, violation: sandbox.violationAction).exportBPF()
        let uid: Int32 = sandbox.dropToNobody ? Int32(ElementSandbox.nobody) : -1
        return try bpf.withUnsafeBytes { program in
            try withOptionalCString(sandbox.hostname) { hostname in
                var plan = px_sandbox_plan(
                    namespaces: sandbox.namespaces.rawValue,
                    allow_fallback: sandbox.allowsFallback ? 1 : 0,
                    private_mounts: 1,
                    hostname: hostname,
                    uid: uid,
                    gid: uid,
                    pdeathsig: sandbox.parentDeathSignal ?? 0,
                    rlimit_as: sandbox.limits.addressSpaceBytes ?? 0,
                    rlimit_cpu: sandbox.limits.cpuSeconds ?? 0,
                    rlimit_nofile: sandbox.limits.openFiles ?? 0,
                    rlimit_nproc: sandbox.limits.processes ?? 0,
                    no_new_privs: sandbox.noNewPrivileges ? 1 : 0,
                    bpf: program.baseAddress,
                    bpf_len: program.count)
                return try body(&plan)
            }
        }
    }

    /// Applies `sandbox` to the calling process. Irreversible; on failure the process is partly sandboxed and
    /// should exit. Throws `SandboxError.refused` naming the step the kernel refused.
    @discardableResult
    public static func apply(_ sandbox: ElementSandbox) throws -> SandboxReport {
        let report = try withPlan(for: sandbox) { plan in
            var result = px_sandbox_result()
            _ = px_sandbox_apply(plan, &result)
            return SandboxReport(result: result, requested: sandbox.namespaces)
        }
        if let failure = report.failure { throw failure }
        return report
    }

    private static func withOptionalCString<R>(
        _ string: String?, _ body: (UnsafePointer<CChar>?) throws -> R
    ) rethrows -> R {
        guard let string else { return try body(nil) }
        return try string.withCString { try body($0) }
    }
}
