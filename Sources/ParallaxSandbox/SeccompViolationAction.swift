/// What the seccomp filter does with a system call outside the allowlist.
public enum SeccompViolationAction: Sendable, Hashable {
    /// The whole process dies with SIGSYS (the default: a probe cannot retry).
    case killProcess
    /// The call fails with this errno (EPERM for "denied"); useful while developing a profile.
    case errno(Int32)

    /// The libseccomp action value (`SCMP_ACT_KILL_PROCESS`, `SCMP_ACT_ERRNO(x)`).
    public var rawAction: UInt32 {
        switch self {
        case .killProcess: return 0x8000_0000
        case .errno(let code): return 0x0005_0000 | (UInt32(bitPattern: code) & 0xffff)
        }
    }
}
