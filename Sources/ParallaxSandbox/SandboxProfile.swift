/// What an element host may do once its seccomp allowlist is loaded.
public enum SandboxProfile: String, Sendable, Hashable, CaseIterable {
    /// Pure computation on slots and the control socket: no open, no socket, no exec, no new processes.
    case compute
    /// `compute` plus sockets (socket, connect, bind, listen, accept, send/receive, options).
    case network
    /// `compute` plus positioned and vectored I/O on descriptors the supervisor opened and passed in;
    /// still no `open`/`openat`, so the element never touches a path.
    case files
}
