/// Where a pipeline's elements run — a deployment decision; the graph and its results stay the same.
///
/// ```swift
/// .inProcess                                        // every element in the pipeline's process
/// .isolated(sandbox: ElementSandbox())              // every element alone in a sandboxed host
/// .grouped(isolate: ["*dec", "av1*"],               // matching elements alone in sandboxed hosts,
///          groups: ["parse": "codec", "dec": "codec"])  // elements of one group share a host
/// ```
/// Elements that bridge to the application or belong to the executor (`PipelineBound`: appsrc, appsink,
/// queue, tee, capsfilter) always stay in-process. A node's own request (a typed pipeline's `.isolated()`
/// or `.group(_:)`) is honoured in both isolating modes.
public enum ExecutionMode: Sendable, Hashable {
    /// Every element runs in the pipeline's process.
    case inProcess
    /// Every element runs in its own sandboxed element host.
    case isolated(sandbox: ElementSandbox = ElementSandbox())
    /// Elements whose factory or name matches one of `isolate` (shell patterns: `*dec`, `av1*`) run in their
    /// own hosts; `groups` maps element names to group ids, and the elements of one group share a host.
    /// Everything else runs in-process.
    case grouped(isolate: [String] = [], groups: [String: String] = [:], sandbox: ElementSandbox = ElementSandbox())
}
