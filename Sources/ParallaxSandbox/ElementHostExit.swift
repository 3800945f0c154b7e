/// How an element host ended.
public enum ElementHostExit: Sendable, Hashable, CustomStringConvertible {
    /// It called `exit` with this status.
    case exited(Int32)
    /// A signal ended it (SIGSYS for a seccomp kill, SIGKILL for the OOM killer or `terminate`).
    case signaled(Int32)

    /// "exit status N" or "signal N".
    public var description: String {
        switch self {
        case .exited(let status): return "exit status \(status)"
        case .signaled(let signal): return "signal \(signal)"
        }
    }
}
