/// When a deployed pipeline is started again after its process ends, and how often.
///
/// ```yaml
/// restart: on-failure                  # always | on-failure | never
/// restart: { policy: always, max-restarts: 3, window: 30s, backoff: 500ms }
/// ```
/// A pipeline may be restarted at most `maxRestarts` times within any `window`; one more end within the
/// window fails the deployment. The n-th restart in a row waits `backoff × 2ⁿ⁻¹`, at most `maxBackoff`.
/// A pure value; any thread.
struct DeploymentRestart: Sendable, Hashable {
    /// Which ends lead to a restart.
    enum Policy: String, Sendable, Hashable, CaseIterable {
        /// Restart after every end, end-of-stream included.
        case always
        /// Restart after a non-zero exit status or a signal; an end-of-stream (status 0) stays finished.
        case onFailure = "on-failure"
        /// Never restart; a failure fails the deployment.
        case never
    }

    /// Which ends lead to a restart.
    var policy = Policy.onFailure
    /// How many restarts `window` may hold before the next end fails the deployment.
    var maxRestarts = 5
    /// The sliding window over which restarts are counted.
    var window = Duration.seconds(60)
    /// The delay before the first restart in a row; each further one doubles it.
    var backoff = Duration.seconds(1)

    /// The longest delay backing off reaches.
    static let maxBackoff = Duration.seconds(30)

    /// Whether a process that ended with `end` is started again under this policy (limits aside).
    func restarts(after end: ProcessEnd) -> Bool {
        switch policy {
        case .always: return true
        case .onFailure: return !end.isSuccess
        case .never: return false
        }
    }

    /// The delay before a restart when `recent` restarts already happened within the window.
    func delay(afterRecentRestarts recent: Int) -> Duration {
        var delay = backoff
        for _ in 0..<min(recent, 16) where delay < Self.maxBackoff { delay *= 2 }
        return min(delay, Self.maxBackoff)
    }

    /// `on-failure (at most 5 restarts in 60 s, backoff 1 s)`, as the dry run prints it.
    var summary: String {
        guard policy != .never else { return policy.rawValue }
        return "\(policy.rawValue) (at most \(maxRestarts) restarts in \(Self.text(window)), "
            + "backoff \(Self.text(backoff)))"
    }

    /// A duration as the file writes it: whole seconds as `5s`, others in milliseconds (`250ms`).
    static func text(_ duration: Duration) -> String {
        let milliseconds = Self.milliseconds(duration)
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }

    /// A duration in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Reads `250ms`, `2s`, `1.5s`, `3min` or a bare number of seconds; nil for anything else or a negative value.
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("min", 60), ("s", 1), ("", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingSpaces
            guard let value = Double(number), value >= 0, value.isFinite, value < 1e9 else { continue }
            return .milliseconds(Int64((value * scale * 1000).rounded()))
        }
        return nil
    }
}
