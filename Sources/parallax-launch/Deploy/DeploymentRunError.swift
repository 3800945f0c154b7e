import Glibc

/// A system call the deployment supervisor needs failed.
///
/// `description`: `pipe: Too many open files`. A pure value; any thread.
enum DeploymentRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The named call failed with this errno.
    case system(String, Int32)

    var description: String {
        switch self {
        case .system(let call, let code): return "\(call): \(String(cString: strerror(code)))"
        }
    }
}
