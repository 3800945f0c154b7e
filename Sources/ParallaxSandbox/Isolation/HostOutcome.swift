/// How one round trip to an element host ended, seen from the supervisor.
enum HostOutcome {
    /// The host answered.
    case done(WorkResult)
    /// The host crashed, hung or lied; it was restarted and the buffer it held is lost.
    case lost
    /// The pipeline is stopping: the wait was abandoned.
    case cancelled
}
