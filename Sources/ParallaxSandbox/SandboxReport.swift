import CParallaxLinux

/// What `SandboxApplier` applied: the steps that took effect and the namespaces actually obtained.
public struct SandboxReport: Sendable, Hashable, CustomStringConvertible {
    /// Steps that took effect, in order.
    public var applied: [SandboxStep]
    /// The namespaces unshared (fewer than requested when a fallback was taken).
    public var namespaces: SandboxNamespaces
    /// Requested namespaces the kernel refused and the fallback dropped.
    public var missingNamespaces: SandboxNamespaces
    /// The step that failed and its errno, if the application stopped early.
    public var failure: SandboxError?

    /// Reads the C shim's result for a policy that requested `requested` namespaces.
    public init(result: px_sandbox_result, requested: SandboxNamespaces) {
        applied = SandboxStep.allCases.filter { result.applied & (UInt32(1) << UInt32($0.number)) != 0 }
        namespaces = SandboxNamespaces(rawValue: result.namespaces)
        missingNamespaces = requested.subtracting(namespaces)
        if let step = SandboxStep(number: result.failed_step) {
            failure = .refused(step: step, errno: result.failed_errno)
        } else {
            failure = nil
        }
    }

    /// One line: the applied steps, then what fell back or failed.
    public var description: String {
        var text = "applied: " + (applied.isEmpty ? "-" : applied.map(\.rawValue).joined(separator: ","))
        if !missingNamespaces.isEmpty {
            text += "; fallback without: " + missingNamespaces.names.joined(separator: ",")
        }
        if let failure { text += "; \(failure)" }
        return text
    }
}
