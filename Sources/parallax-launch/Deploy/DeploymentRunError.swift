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

extension DeploymentRunError {
    /// A new pipe whose ends close on exec; the read end non-blocking when `nonBlocking`.
    static func pipe(nonBlocking: Bool) throws(DeploymentRunError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [-1, -1]
        guard Glibc.pipe(&ends) == 0 else { throw .system("pipe", errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        if nonBlocking {
            _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
            _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)
        }
        return (ends[0], ends[1])
    }
}
