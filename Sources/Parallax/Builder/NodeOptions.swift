import ParallaxCore
import ParallaxElements

/// What the builder's modifiers ask of one element: its node name, where it runs, and a queue next to it.
///
/// ```swift
/// VideoTestSource().named("src").queued(maxBuffers: 4)     // videotestsrc name=src ! queue max-size-buffers=4
/// VideoConvert().isolated()                              // runs in its own sandboxed host
/// ```
/// Made by `named(_:)`, `isolated()`, `group(_:)` and `queued(maxBuffers:)`; the fields are what the graph
/// gets. Plain data, built on the calling thread.
public struct NodeOptions: Sendable {
    /// The node name (`name=` in a launch string), or nil for an automatic one.
    public var name: String?
    /// `Node.isolation` of the element's node.
    public var isolation: IsolationRequest?
    /// A queue linked after the element (before it, for a sink), or nil.
    public var queue: Queue?

    /// No name, no isolation request, no queue.
    public init(name: String? = nil, isolation: IsolationRequest? = nil, queue: Queue? = nil) {
        self.name = name
        self.isolation = isolation
        self.queue = queue
    }
}
