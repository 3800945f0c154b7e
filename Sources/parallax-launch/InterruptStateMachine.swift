/// What successive interrupts (SIGINT, Ctrl-C) ask of a running pipeline.
///
/// ```
/// running ──SIGINT──► draining ──SIGINT──► stopping ──SIGINT──► (exit now)
///          send EOS,             stop at once,        the stop hangs:
///          wait for it           run() returns        leave with 130
/// ```
/// Pure logic with no threads or signals; `InterruptHandler` feeds it and carries out its actions.
struct InterruptStateMachine: Sendable {
    /// What to do about one interrupt.
    enum Action: Sendable, Equatable {
        /// Ask the sources to end their streams and let EOS drain through the pipeline.
        case sendEndOfStream
        /// Stop the pipeline without waiting for EOS.
        case stop
        /// Give up on an orderly stop and end the process.
        case exit
    }

    private enum State: Sendable {
        case running
        case draining
        case stopping
    }

    private var state = State.running

    /// Whether an interrupt has asked for end-of-stream (so a pipeline that was not yet running can be told
    /// again once it is).
    var wantsEndOfStream: Bool { state != .running }

    /// Whether an interrupt has asked for an immediate stop.
    var wantsStop: Bool { state == .stopping }

    /// Records one interrupt and says what to do about it.
    mutating func interrupt() -> Action {
        switch state {
        case .running:
            state = .draining
            return .sendEndOfStream
        case .draining:
            state = .stopping
            return .stop
        case .stopping:
            return .exit
        }
    }
}
