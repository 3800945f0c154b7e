/// Why an element host could not be started, talked to or reaped; each case names the part that failed.
public enum ElementHostError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `posix_spawn` of the executable failed with this errno (ENOENT: no such file).
    case spawnFailed(executable: String, errno: Int32)
    /// A system call of the supervisor side failed (`socketpair`, `pidfd_open`, `waitpid`, …).
    case system(String, Int32)
    /// The host sent something that breaks the protocol or its state machine.
    case protocolViolation(String)
    /// The host reported a failure (for instance a sandbox step the kernel refused).
    case hostReported(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .spawnFailed(let executable, let code):
            let reason = code == 2 ? "no such file" : code == 13 ? "permission denied" : "errno \(code)"
            return "element host: cannot start \(executable): \(reason) (errno \(code))"
        case .system(let call, let code): return "element host: \(call) failed (errno \(code))"
        case .protocolViolation(let what): return "element host: protocol violation: \(what)"
        case .hostReported(let text): return "element host: \(text)"
        }
    }
}
