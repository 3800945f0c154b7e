import CParallaxLinux

/// The Linux namespaces an element host unshares, as `CLONE_NEW*` bits.
public struct SandboxNamespaces: OptionSet, Sendable, Hashable {
    /// The `CLONE_NEW*` bits.
    public let rawValue: Int32

    /// Wraps `CLONE_NEW*` bits.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// A private mount table (`CLONE_NEWNS`).
    public static let mount = SandboxNamespaces(rawValue: px_clone_newns())
    /// A network stack with only a down loopback (`CLONE_NEWNET`).
    public static let network = SandboxNamespaces(rawValue: px_clone_newnet())
    /// Private System V IPC and POSIX message queues (`CLONE_NEWIPC`).
    public static let ipc = SandboxNamespaces(rawValue: px_clone_newipc())
    /// A private host name (`CLONE_NEWUTS`).
    public static let uts = SandboxNamespaces(rawValue: px_clone_newuts())
    /// A private pid space (`CLONE_NEWPID`). Unsharing it affects only later children, and afterwards the
    /// kernel refuses `clone(CLONE_THREAD)` with EINVAL, so a host cannot unshare it itself and keep making
    /// threads: the pid namespace has to be created when the host is spawned. Not in `standard`.
    public static let pid = SandboxNamespaces(rawValue: px_clone_newpid())
    /// A user namespace (`CLONE_NEWUSER`), for hosts started without root; fails once threads exist.
    public static let user = SandboxNamespaces(rawValue: px_clone_newuser())
    /// A private cgroup view (`CLONE_NEWCGROUP`).
    public static let cgroup = SandboxNamespaces(rawValue: px_clone_newcgroup())

    /// Mount, network, IPC and UTS: what a host started as root unshares itself.
    public static let standard: SandboxNamespaces = [.mount, .network, .ipc, .uts]

    /// Names in a fixed order, for descriptions.
    public var names: [String] {
        let all: [(SandboxNamespaces, String)] = [
            (.mount, "mount"), (.network, "net"), (.ipc, "ipc"), (.uts, "uts"), (.pid, "pid"), (.user, "user"),
            (.cgroup, "cgroup"),
        ]
        return all.filter { contains($0.0) }.map(\.1)
    }
}
