extension ElementSandbox {
    /// This policy for an element that opens network connections itself (`NetworkAccessing`): the `network`
    /// profile (sockets) in place of this one's, and no network namespace of its own — a new one holds only a
    /// loopback that is down, so the element could reach nothing. The rest (mount, IPC and UTS namespaces,
    /// nobody, rlimits, cgroup, seccomp for everything else) stays as it is.
    ///
    /// ```swift
    /// ElementSandbox().reachingTheNetwork.description
    /// // sandbox(profile=network namespaces=mount,ipc,uts hostname=parallax user=65534:65534 …)
    /// ```
    /// Thread: a value.
    public var reachingTheNetwork: ElementSandbox {
        var sandbox = self
        sandbox.profile = .network
        sandbox.namespaces.remove(.network)
        return sandbox
    }
}
