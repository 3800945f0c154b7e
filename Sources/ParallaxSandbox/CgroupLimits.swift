/// Limits placed on a host through a cgroup the supervisor creates; `nil` leaves a controller alone.
public struct CgroupLimits: Sendable, Hashable {
    /// Memory controller: bytes before the kernel's OOM killer ends the host.
    public var memoryBytes: UInt64?
    /// CPU controller: microseconds of CPU per `cpuPeriodMicroseconds`.
    public var cpuQuotaMicroseconds: UInt64?
    /// CPU controller: the period the quota applies to.
    public var cpuPeriodMicroseconds: UInt64
    /// Pids controller: processes and threads together.
    public var pids: UInt64?

    /// Creates limits; the CPU period defaults to 100 ms.
    public init(
        memoryBytes: UInt64? = nil, cpuQuotaMicroseconds: UInt64? = nil, cpuPeriodMicroseconds: UInt64 = 100_000,
        pids: UInt64? = nil
    ) {
        self.memoryBytes = memoryBytes
        self.cpuQuotaMicroseconds = cpuQuotaMicroseconds
        self.cpuPeriodMicroseconds = cpuPeriodMicroseconds
        self.pids = pids
    }

    /// The controllers these limits need.
    public var controllers: [String] {
        var result: [String] = []
        if memoryBytes != nil { result.append("memory") }
        if cpuQuotaMicroseconds != nil { result.append("cpu") }
        if pids != nil { result.append("pids") }
        return result
    }
}
