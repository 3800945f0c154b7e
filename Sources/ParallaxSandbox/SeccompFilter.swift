import CParallaxLinux
import CSeccomp
import Glibc

/// A libseccomp filter under construction: an allowlist with a default action for everything else.
///
/// Build one with `SeccompFilter(profile:violation:)`, then either `load()` it into the calling process
/// (with TSYNC) or `exportBPF()` it for `SandboxApplier`, which loads it without calling back into Swift.
public final class SeccompFilter {
    private let context: scmp_filter_ctx

    /// System calls the Swift runtime needs in an element host (measured on these machines), plus close,
    /// sleeping, yielding, `recvmsg`/`sendmsg` for the control socket, and `sched_getaffinity`, by which codec
    /// libraries size their thread pools (rav1e's rayon, dav1d with `n-threads=0`).
    public static let baseline: [String] = [
        "read", "write", "exit", "exit_group", "rt_sigreturn",
        "epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "eventfd2",
        "futex", "getrandom", "gettid", "getpid", "getuid", "getgid", "geteuid", "getegid",
        "ioctl", "brk", "mmap", "mprotect", "munmap", "madvise",
        "newfstatat", "prctl", "rseq", "rt_sigaction", "rt_sigprocmask", "set_robust_list", "setpriority",
        "timerfd_create", "timerfd_settime", "close", "nanosleep", "clock_nanosleep", "clock_gettime",
        "sched_yield", "sched_getaffinity", "recvmsg", "sendmsg",
    ]

    /// What each profile adds to `baseline`.
    public static func additions(for profile: SandboxProfile) -> [String] {
        switch profile {
        case .compute:
            return []
        case .network:
            return [
                "socket", "connect", "bind", "listen", "accept4", "getsockname", "getpeername", "getsockopt",
                "setsockopt", "sendto", "recvfrom", "shutdown", "poll", "ppoll", "fcntl",
            ]
        case .files:
            return ["lseek", "fstat", "pread64", "pwrite64", "readv", "writev"]
        }
    }

    /// An empty filter: every system call takes `violation` until allowed.
    public init(violation: SeccompViolationAction) throws(SandboxError) {
        guard let context = seccomp_init(violation.rawAction) else {
            throw .seccomp("seccomp_init", ENOMEM)
        }
        self.context = context
        try check(seccomp_attr_set(context, SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC")
        try check(seccomp_attr_set(context, SCMP_FLTATR_ACT_BADARCH, 0x8000_0000), "bad-arch action")
    }

    /// The profile's allowlist: `baseline`, the profile's additions, `clone3` answered with ENOSYS (so glibc
    /// falls back to `clone`), `clone` allowed only with `CLONE_THREAD` (threads yes, processes no), and `open`/
    /// `openat` answered with EACCES rather than the violation action: a host has no file to open, but glibc
    /// itself reads `/proc/sys/vm/overcommit_memory` when a thread's heap shrinks (codec threads do) and
    /// libraries probe `/proc` and `/sys`; refusing keeps them working without giving them a file.
    public convenience init(profile: SandboxProfile, violation: SeccompViolationAction) throws(SandboxError) {
        try self.init(violation: violation)
        for name in Self.baseline + Self.additions(for: profile) {
            try allow(name)
        }
        try answer("clone3", errno: ENOSYS)
        try answer("open", errno: EACCES)
        try answer("openat", errno: EACCES)
        try allowCloneThreadsOnly()
        if !Self.additions(for: profile).contains("fcntl") { try allowSealQueriesOnly() }
        try allowSignalsToSelfOnly()
    }

    deinit { seccomp_release(context) }

    /// Allows `name` unconditionally.
    public func allow(_ name: String) throws(SandboxError) {
        try check(seccomp_rule_add_array(context, 0x7fff_0000, try number(name), 0, nil), name)
    }

    /// Makes `name` fail with `code` instead of running.
    public func answer(_ name: String, errno code: Int32) throws(SandboxError) {
        let action = SeccompViolationAction.errno(code).rawAction
        try check(seccomp_rule_add_array(context, action, try number(name), 0, nil), name)
    }

    /// Allows `clone` only when its flags (argument 0 on x86_64 and arm64) include `CLONE_THREAD`.
    public func allowCloneThreadsOnly() throws(SandboxError) {
        let thread = scmp_datum_t(UInt32(bitPattern: px_clone_thread()))
        var comparison = scmp_arg_cmp(arg: 0, op: SCMP_CMP_MASKED_EQ, datum_a: thread, datum_b: thread)
        try check(seccomp_rule_add_array(context, 0x7fff_0000, try number("clone"), 1, &comparison), "clone")
    }

    /// Allows `fcntl` only as `F_GET_SEALS`, so a host can check that an arena it was given is sealed
    /// against shrinking before mapping it.
    public func allowSealQueriesOnly() throws(SandboxError) {
        let command = scmp_datum_t(UInt32(bitPattern: px_fcntl_get_seals()))
        var comparison = scmp_arg_cmp(arg: 1, op: SCMP_CMP_EQ, datum_a: command, datum_b: 0)
        try check(seccomp_rule_add_array(context, 0x7fff_0000, try number("fcntl"), 1, &comparison), "fcntl")
    }

    /// Allows `tgkill` only towards the calling process's own thread group, so `abort()` and a crashing
    /// runtime end the host with SIGABRT (as they would anywhere) instead of a seccomp kill.
    public func allowSignalsToSelfOnly() throws(SandboxError) {
        let me = scmp_datum_t(UInt32(bitPattern: getpid()))
        var comparison = scmp_arg_cmp(arg: 0, op: SCMP_CMP_EQ, datum_a: me, datum_b: 0)
        try check(seccomp_rule_add_array(context, 0x7fff_0000, try number("tgkill"), 1, &comparison), "tgkill")
    }

    /// Allows `open` and `openat` only for reading: their flags (argument 1 and 2) hold no write access,
    /// `O_CREAT`, `O_TRUNC`, `O_APPEND` or `O_TMPFILE`. Other opens take the violation action.
    public func allowReadOnlyOpens() throws(SandboxError) {
        let mask = scmp_datum_t(0o3 | 0o100 | 0o1000 | 0o2000 | 0o20000000)
        for (name, argument) in [("open", UInt32(1)), ("openat", UInt32(2))] {
            var comparison = scmp_arg_cmp(arg: argument, op: SCMP_CMP_MASKED_EQ, datum_a: mask, datum_b: 0)
            try check(seccomp_rule_add_array(context, 0x7fff_0000, try number(name), 1, &comparison), name)
        }
    }

    /// Loads the filter into the calling process, all threads included (TSYNC). Irreversible.
    public func load() throws(SandboxError) {
        try check(seccomp_load(context), "seccomp_load")
    }

    /// The compiled BPF program (an array of `struct sock_filter`), as libseccomp would load it.
    public func exportBPF() throws(SandboxError) -> [UInt8] {
        let fd = px_memfd_create("seccomp-bpf")
        guard fd >= 0 else { throw .seccomp("memfd for export", errno) }
        defer { close(fd) }
        try check(seccomp_export_bpf(context, fd), "seccomp_export_bpf")
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { throw .seccomp("export size", errno) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard got == Int(size) else { throw .seccomp("reading export", errno) }
        return bytes
    }

    private func number(_ name: String) throws(SandboxError) -> Int32 {
        let nr = seccomp_syscall_resolve_name(name)
        guard nr >= 0 else { throw .seccomp("unknown system call \(name)", EINVAL) }
        return nr
    }

    private func check(_ rc: Int32, _ what: String) throws(SandboxError) {
        if rc < 0 { throw .seccomp(what, -rc) }
    }
}
