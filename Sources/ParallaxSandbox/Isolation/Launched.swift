import ParallaxRuntime

/// A host that `HostConnection` spawned and sent its start-up messages to, whose answers it has not read yet:
/// the process, its cgroup and the work rings it was sent.
///
/// ```
/// launch:  spawn ─► cgroup ─► plugin… configure element… ring ring   (nothing read)
/// confirm: ◄ hello ◄ ready ◄ plugin-description… ◄ started…        (then the host runs)
/// ```
/// Thread: owned by the connection's state, under its lock.
struct Launched {
    let process: ElementHostProcess
    let cgroup: SandboxCgroup?
    let requests: SharedRing<HostRequest>
    let replies: SharedRing<HostReply>
}
