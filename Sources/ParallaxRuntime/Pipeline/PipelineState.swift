/// The states of a pipeline, as in GStreamer.
///
/// ```
/// NULL ──► READY ──► PAUSED ──► PLAYING      (and back the same way)
///          elements  negotiated,  clock running,
///          made      threads up,  data flowing
///                    sources held
/// ```
public enum PipelineState: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nothing allocated.
    case null
    /// Elements exist; no resources held.
    case ready
    /// Formats negotiated, resources open, threads started but sources held.
    case paused
    /// Data flows and the clock runs.
    case playing

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .null: "NULL"
        case .ready: "READY"
        case .paused: "PAUSED"
        case .playing: "PLAYING"
        }
    }
}
