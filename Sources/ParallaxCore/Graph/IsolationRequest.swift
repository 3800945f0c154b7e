/// Where a node asks to run, independent of the pipeline's execution mode: a typed pipeline's
/// `.isolated()` and `.group(_:)` modifiers write it, and the pipeline's `ExecutionMode` decides what it
/// means (in-process mode runs every node in-process whatever it asks).
public enum IsolationRequest: Sendable, Hashable, Codable {
    /// The node runs alone in its own sandboxed host.
    case isolated
    /// The node shares one sandboxed host with every node that names the same group.
    case group(String)
}
