/// Why a sandbox could not be built or applied; every case names the part that failed.
public enum SandboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kernel refused a step of `SandboxApplier.apply` with this errno.
    case refused(step: SandboxStep, errno: Int32)
    /// libseccomp rejected building or loading the filter (`what` names the call or rule).
    case seccomp(String, Int32)
    /// A cgroup operation failed (`what` names the file or directory).
    case cgroup(String, Int32)
    /// A controller the limits need is mounted neither as cgroup v1 nor offered by cgroup v2.
    case controllerMissing(String)

    /// A message naming the part and the errno.
    public var description: String {
        switch self {
        case .refused(let step, let code): return "sandbox: the kernel refused \(step.rawValue) (errno \(code))"
        case .seccomp(let what, let code): return "sandbox: seccomp \(what) failed (errno \(code))"
        case .cgroup(let what, let code): return "sandbox: cgroup \(what) failed (errno \(code))"
        case .controllerMissing(let name): return "sandbox: no cgroup controller \(name)"
        }
    }
}
