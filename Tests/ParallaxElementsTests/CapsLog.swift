import Parallax
import Synchronization

/// Whether two caps hold the same formats, whatever the order of their fields.
func sameCaps(_ a: Caps?, _ b: Caps?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.isSubset(of: b) && b.isSubset(of: a)
}

/// The caps a pipeline's bus posted per link (`from -> to`), in order.
final class CapsLog: Sendable {
    private let entries = Mutex<[(link: String, caps: Caps)]>([])

    init(_ pipeline: Pipeline) {
        pipeline.bus.observe { [self] message in
            if case .capsNegotiated(let from, let to, let caps) = message {
                entries.withLock { $0.append(("\(from) -> \(to)", caps)) }
            }
        }
    }

    var count: Int { entries.withLock { $0.count } }

    /// The links posted from the `start`-th message on, with the caps written as `text`.
    func posted(from start: Int = 0) -> [String] {
        entries.withLock { $0[start...].map { "\($0.link): \($0.caps)" } }
    }

    /// Whether `link` was posted with `caps` at or after the `start`-th message.
    func contains(_ link: String, _ caps: String, from start: Int = 0) -> Bool {
        guard let expected = try? Caps(parsing: caps) else { return false }
        return entries.withLock { $0[start...].contains { $0.link == link && sameCaps($0.caps, expected) } }
    }
}
