/// Per-process rlimits set by the host on itself; `nil` leaves a limit as inherited.
public struct ResourceLimits: Sendable, Hashable {
    /// `RLIMIT_AS`: address space in bytes.
    public var addressSpaceBytes: UInt64?
    /// `RLIMIT_CPU`: CPU seconds (SIGXCPU, then SIGKILL).
    public var cpuSeconds: UInt64?
    /// `RLIMIT_NOFILE`: highest descriptor number plus one.
    public var openFiles: UInt64?
    /// `RLIMIT_NPROC`: counted per uid, so it covers every host running as nobody; prefer a pids cgroup.
    public var processes: UInt64?

    /// Creates limits; all default to "leave as inherited".
    public init(
        addressSpaceBytes: UInt64? = nil, cpuSeconds: UInt64? = nil, openFiles: UInt64? = nil,
        processes: UInt64? = nil
    ) {
        self.addressSpaceBytes = addressSpaceBytes
        self.cpuSeconds = cpuSeconds
        self.openFiles = openFiles
        self.processes = processes
    }

    /// No limit changed.
    public static let inherited = ResourceLimits()
}
