/// The state logic of a pipeline, apart from threads: which actions take it from one state to another.
///
/// ```swift
/// var machine = PipelineStateMachine()
/// machine.transition(to: .playing)   // [.prepare, .negotiateAndStart, .play]
/// ```
/// Pure value type; `Pipeline` carries out the actions.
struct PipelineStateMachine: Sendable, Hashable {
    /// What the pipeline must do for one step.
    enum Action: Sendable, Hashable {
        /// NULL → READY: check the graph and make element instances.
        case prepare
        /// READY → PAUSED: negotiate, open element resources, create pools, start streaming threads
        /// with sources held.
        case negotiateAndStart
        /// PAUSED → PLAYING: take the base time and release the sources.
        case play
        /// PLAYING → PAUSED: hold the sources.
        case pause
        /// PAUSED → READY: stop and join streaming threads, close element resources.
        case stopStreaming
        /// READY → NULL: drop element instances.
        case release
    }

    private(set) var state: PipelineState = .null

    /// The actions, one per step, to reach `target` from the current state; the state becomes `target`.
    mutating func transition(to target: PipelineState) -> [Action] {
        var actions: [Action] = []
        while state != target {
            let (next, action) = step(toward: target)
            actions.append(action)
            state = next
        }
        return actions
    }

    /// Records that an action failed part-way: the pipeline is back at `state`.
    mutating func reset(to state: PipelineState) { self.state = state }

    private func step(toward target: PipelineState) -> (PipelineState, Action) {
        if target > state {
            switch state {
            case .null: return (.ready, .prepare)
            case .ready: return (.paused, .negotiateAndStart)
            case .paused, .playing: return (.playing, .play)
            }
        }
        switch state {
        case .playing: return (.paused, .pause)
        case .paused: return (.ready, .stopStreaming)
        case .ready, .null: return (.null, .release)
        }
    }
}
