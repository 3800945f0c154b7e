/// What sending a work order without waiting gave (`HostConnection.submit`).
enum Submission {
    /// The order is on its way; collect its answer later.
    case sent(PendingOrder)
    /// No answer will come: the host was restarted before it read the order (`.lost`), or the pipeline is
    /// stopping (`.cancelled`).
    case finished(HostOutcome)
}

extension Submission {
    /// Whether the pipeline is stopping.
    var isCancelled: Bool {
        if case .finished(.cancelled) = self { return true }
        return false
    }
}
