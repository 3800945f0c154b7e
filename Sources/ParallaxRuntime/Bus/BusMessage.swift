import ParallaxCore

/// A message posted on a pipeline's bus: errors, warnings, end-of-stream, state changes, statistics.
public enum BusMessage: Sendable, Hashable, CustomStringConvertible {
    /// An element failed; the pipeline stops.
    case error(element: String, ElementError)
    /// Something went wrong but the pipeline goes on.
    case warning(element: String, String)
    /// Every sink has received end-of-stream.
    case endOfStream
    /// The pipeline changed state.
    case stateChanged(from: PipelineState, to: PipelineState)
    /// Counters of one element, posted on request and when the pipeline stops.
    case elementStats(ElementStatistics)
    /// The caps on a link were fixed (posted once per link when the pipeline goes to PAUSED).
    case capsNegotiated(from: String, to: String, caps: Caps)
    /// An isolated element's host ended (`reason`: its exit status or signal, or the rule it broke) and was
    /// started again; `restarts` counts the restarts of that element so far in this run.
    case elementRestarted(element: String, reason: String, restarts: Int)
    /// Negotiation inserted a converter between two elements (posted before the caps, once per converter).
    case converterInserted(element: String, factory: String, upstream: String, downstream: String)
    /// An element posted a message of its own (`ElementCallContext.post`): `level`'s measurements,
    /// `fpsdisplaysink`'s rates — GStreamer's element messages.
    case element(element: String, CapsStructure)

    public var description: String {
        switch self {
        case .error(let element, let error): "ERROR from element \(element): \(error)"
        case .warning(let element, let text): "WARNING from element \(element): \(text)"
        case .endOfStream: "EOS"
        case .stateChanged(let from, let to): "state changed from \(from) to \(to)"
        case .elementStats(let stats): "stats \(stats.element): \(stats.buffers) buffers, \(stats.bytes) bytes"
        case .capsNegotiated(let from, let to, let caps): "caps \(from) -> \(to): \(caps)"
        case .elementRestarted(let element, let reason, let restarts):
            "element \(element) restarted after its host \(reason) (restart \(restarts))"
        case .converterInserted(let element, let factory, let upstream, let downstream):
            "inserted \(element) (\(factory)) between \(upstream) and \(downstream)"
        case .element(let element, let structure): "element message from \(element): \(structure)"
        }
    }
}

/// Counters of one element: buffers and bytes that went through it.
public struct ElementStatistics: Sendable, Hashable {
    /// The element name.
    public var element: String
    /// Buffers handled (produced by a source, received by others).
    public var buffers: UInt64
    /// Bytes in those buffers.
    public var bytes: UInt64
}
