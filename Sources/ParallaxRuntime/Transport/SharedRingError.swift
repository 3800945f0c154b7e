/// Why a `SlotRing` could not be made, mapped or read; each case says what was wrong.
public enum SharedRingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A system call failed.
    case system(String, Int32)
    /// The capacity is not a power of two between 2 and 65536.
    case badCapacity(Int)
    /// The peer left the ring in a state no honest peer can (positions too far apart, an unknown entry).
    case corrupt(String)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .system(let call, let code): "shared ring: \(call) failed (errno \(code))"
        case .badCapacity(let capacity): "shared ring: capacity \(capacity) is not a power of two in 2...65536"
        case .corrupt(let what): "shared ring: \(what)"
        }
    }
}
