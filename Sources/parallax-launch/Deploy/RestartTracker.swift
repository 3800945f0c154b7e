/// Decides what happens when a deployed pipeline's process ends: finished, restarted after a delay, or
/// failed past its restart limit.
///
/// ```
/// ended ──policy says no──► finished (status 0) / failed (anything else)
///   └──policy says yes──► restarts in the window < max-restarts? ──yes──► restart after backoff
///                                                                  └─no──► failed
/// ```
/// Pure logic over times given by the caller; `DeploymentSupervisor` carries out its decisions.
struct RestartTracker: Sendable {
    /// What to do after an end.
    enum Decision: Sendable, Equatable {
        /// The pipeline is done; it is not started again.
        case finished
        /// Start it again after this delay.
        case restart(after: Duration)
        /// The deployment fails.
        case failed
    }

    /// The rule the pipeline runs under.
    let rule: DeploymentRestart
    /// Restarts so far, over the whole deployment.
    private(set) var restarts = 0
    private var recent: [ContinuousClock.Instant] = []

    /// A tracker for `rule` with no restarts yet.
    init(rule: DeploymentRestart) {
        self.rule = rule
    }

    /// Records that the process ended with `end` at `now` and says what to do.
    mutating func ended(_ end: ProcessEnd, at now: ContinuousClock.Instant) -> Decision {
        guard rule.restarts(after: end) else { return end.isSuccess ? .finished : .failed }
        recent.removeAll { now - $0 >= rule.window }
        guard recent.count < rule.maxRestarts else { return .failed }
        let delay = rule.delay(afterRecentRestarts: recent.count)
        recent.append(now)
        restarts += 1
        return .restart(after: delay)
    }
}
