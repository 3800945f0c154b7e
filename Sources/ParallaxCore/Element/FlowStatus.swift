/// What an element's `process`, `produce` or `render` reports for one buffer.
///
/// Errors are thrown instead (`ElementError`), and stop the pipeline with a bus error.
public enum FlowStatus: Sendable, Hashable {
    /// The buffer was handled; a source's or transform's output goes downstream.
    case ok
    /// Drop this buffer: nothing goes downstream for it (a transform filtering, a source skipping).
    case dropped
    /// The element is done: a source has no more data, a sink wants no more. EOS follows downstream.
    case eos
}
