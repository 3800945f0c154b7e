import Glibc

/// Why an arena or a buffer pool could not be created or mapped: the failing call and the system's reason.
///
/// `description` reads like `memfd_create("link 3") failed: Too many open files (errno 24)`; arguments the
/// arena rejects itself carry errno `EINVAL`.
/// Example:
/// ```swift
/// do { _ = try CpuArena(slotSize: 4096, slotCount: 8, name: "out") } catch { print(error) }
/// ```
/// Thread: a plain value; any.
public struct ArenaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed, with its main arguments, e.g. `ftruncate(fd 7, 65536)`.
    public let operation: String
    /// The `errno` value the call reported (`EINVAL` for arguments rejected before any call).
    public let code: Int32
    /// The system's text for `code` (`strerror`), or a sentence saying what was wrong with an argument.
    public let reason: String

    /// An error for `operation` with `reason` and errno `code`.
    public init(operation: String, code: Int32, reason: String) {
        self.operation = operation
        self.code = code
        self.reason = reason
    }

    /// The error for a system call that failed with errno `code`, with its `strerror` text.
    ///
    /// `code` comes first so that a call site's `errno` is read before its `operation` text is built.
    static func system(_ code: Int32, _ operation: String) -> ArenaError {
        ArenaError(operation: operation, code: code, reason: String(cString: strerror(code)))
    }

    /// An error for an argument the arena or pool rejects before making any system call.
    static func invalidArgument(_ operation: String, _ reason: String) -> ArenaError {
        ArenaError(operation: operation, code: EINVAL, reason: reason)
    }

    /// `operation failed: reason (errno N)`.
    public var description: String {
        "\(operation) failed: \(reason) (errno \(code))"
    }
}
