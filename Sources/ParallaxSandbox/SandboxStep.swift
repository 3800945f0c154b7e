import CParallaxLinux

/// The steps `SandboxApplier` runs, in order.
public enum SandboxStep: String, Sendable, Hashable, CaseIterable {
    case unshare, mounts, hostname, setgroups, setgid, setuid, parentDeathSignal = "pdeathsig"
    case addressSpaceLimit = "rlimit-as", cpuLimit = "rlimit-cpu", openFilesLimit = "rlimit-nofile"
    case processesLimit = "rlimit-nproc", noNewPrivileges = "no-new-privs", seccomp

    /// The C shim's `PX_STEP_*` number.
    public var number: Int32 {
        switch self {
        case .unshare: return Int32(PX_STEP_UNSHARE)
        case .mounts: return Int32(PX_STEP_MOUNTS)
        case .hostname: return Int32(PX_STEP_HOSTNAME)
        case .setgroups: return Int32(PX_STEP_SETGROUPS)
        case .setgid: return Int32(PX_STEP_SETGID)
        case .setuid: return Int32(PX_STEP_SETUID)
        case .parentDeathSignal: return Int32(PX_STEP_PDEATHSIG)
        case .addressSpaceLimit: return Int32(PX_STEP_RLIMIT_AS)
        case .cpuLimit: return Int32(PX_STEP_RLIMIT_CPU)
        case .openFilesLimit: return Int32(PX_STEP_RLIMIT_NOFILE)
        case .processesLimit: return Int32(PX_STEP_RLIMIT_NPROC)
        case .noNewPrivileges: return Int32(PX_STEP_NO_NEW_PRIVS)
        case .seccomp: return Int32(PX_STEP_SECCOMP)
        }
    }

    /// The step with the C shim's number, if any.
    public init?(number: Int32) {
        guard let step = Self.allCases.first(where: { $0.number == number }) else { return nil }
        self = step
    }
}
