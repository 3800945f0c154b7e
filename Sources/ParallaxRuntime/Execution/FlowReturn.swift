/// What a push returned to the element upstream: GStreamer's `GstFlowReturn`, reduced to what the
/// executor acts on.
enum FlowReturn: Sendable, Hashable {
    /// Keep going.
    case ok
    /// Downstream wants no more data; the source sends EOS.
    case eos
    /// The pipeline is stopping; unwind quietly.
    case flushing
    /// An element failed (already posted on the bus); unwind.
    case error

    /// Combines the results of the branches of a fan-out: the worst wins, EOS only when all are EOS.
    static func combine(_ results: some Sequence<FlowReturn>) -> FlowReturn {
        var allEOS = true
        var result = FlowReturn.ok
        for r in results {
            switch r {
            case .error: return .error
            case .flushing: result = .flushing
            case .eos: continue
            case .ok: allEOS = false
            }
            if r != .eos { allEOS = false }
        }
        return allEOS ? .eos : result
    }
}
