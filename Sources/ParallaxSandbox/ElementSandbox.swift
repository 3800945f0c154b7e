/// The isolation policy for one element host: what the host applies to itself before it runs element code
/// or starts a thread, plus the cgroup the supervisor puts it in. Printed by `--inspect` and `-v`.
public struct ElementSandbox: Sendable, Hashable, CustomStringConvertible {
    /// The seccomp allowlist's profile.
    public var profile: SandboxProfile
    /// Namespaces to unshare.
    public var namespaces: SandboxNamespaces
    /// Host name set in a new UTS namespace (`nil`: keep the inherited one).
    public var hostname: String?
    /// Switch to uid/gid 65534 (nobody) with no supplementary groups.
    public var dropToNobody: Bool
    /// Set `PR_SET_NO_NEW_PRIVS` (always set when a seccomp filter is loaded).
    public var noNewPrivileges: Bool
    /// Signal delivered when the supervisor dies (`PR_SET_PDEATHSIG`); `nil` for none.
    public var parentDeathSignal: Int32?
    /// rlimits the host sets on itself.
    public var limits: ResourceLimits
    /// Cgroup limits the supervisor applies; `nil` for no cgroup.
    public var cgroup: CgroupLimits?
    /// What a system call outside the allowlist does.
    public var violationAction: SeccompViolationAction
    /// Whether the host may run with less isolation when the kernel refuses a part (for now: namespaces).
    public var allowsFallback: Bool

    /// The uid and gid of nobody.
    public static let nobody: UInt32 = 65534

    /// Creates a policy; the defaults are the strict settings for a host started as root.
    public init(
        profile: SandboxProfile = .compute, namespaces: SandboxNamespaces = .standard, hostname: String? = "parallax",
        dropToNobody: Bool = true, noNewPrivileges: Bool = true, parentDeathSignal: Int32? = 9,
        limits: ResourceLimits = .inherited, cgroup: CgroupLimits? = nil,
        violationAction: SeccompViolationAction = .killProcess, allowsFallback: Bool = false
    ) {
        self.profile = profile
        self.namespaces = namespaces
        self.hostname = hostname
        self.dropToNobody = dropToNobody
        self.noNewPrivileges = noNewPrivileges
        self.parentDeathSignal = parentDeathSignal
        self.limits = limits
        self.cgroup = cgroup
        self.violationAction = violationAction
        self.allowsFallback = allowsFallback
    }

    /// The strict policy with the given profile.
    public static func strict(_ profile: SandboxProfile) -> ElementSandbox { ElementSandbox(profile: profile) }

    /// One line, fields in a fixed order; `-` marks "not set".
    public var description: String {
        func value(_ v: UInt64?) -> String { v.map { String($0) } ?? "-" }
        var parts: [String] = []
        parts.append("profile=\(profile.rawValue)")
        parts.append("namespaces=\(namespaces.isEmpty ? "-" : namespaces.names.joined(separator: ","))")
        parts.append("hostname=\(hostname ?? "-")")
        parts.append("user=\(dropToNobody ? "\(Self.nobody):\(Self.nobody)" : "-")")
        parts.append("no-new-privs=\(noNewPrivileges ? "yes" : "no")")
        parts.append("pdeathsig=\(parentDeathSignal.map { String($0) } ?? "-")")
        parts.append(
            "rlimits=as:\(value(limits.addressSpaceBytes)),cpu:\(value(limits.cpuSeconds)),"
                + "nofile:\(value(limits.openFiles)),nproc:\(value(limits.processes))")
        if let cgroup {
            let cpu = cgroup.cpuQuotaMicroseconds.map { "\($0)/\(cgroup.cpuPeriodMicroseconds)" } ?? "-"
            parts.append("cgroup=memory:\(value(cgroup.memoryBytes)),cpu:\(cpu),pids:\(value(cgroup.pids))")
        } else {
            parts.append("cgroup=-")
        }
        switch violationAction {
        case .killProcess: parts.append("violation=kill")
        case .errno(let code): parts.append("violation=errno:\(code)")
        }
        parts.append("fallback=\(allowsFallback ? "yes" : "no")")
        return "sandbox(" + parts.joined(separator: " ") + ")"
    }
}
