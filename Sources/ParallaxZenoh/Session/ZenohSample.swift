/// What a subscriber receives: the key a sample was put on (or deleted from), for a put its body, and the
/// priority it was put with.
///
/// ```swift
/// session.subscribe("factory/**") { sample in print(sample.key, sample.put?.payload.count ?? 0, sample.priority) }
/// ```
/// Thread: a value.
public struct ZenohSample: Sendable, Equatable {
    /// The full key.
    public var key: String
    /// The sample, or nil when the key was deleted.
    public var put: ZenohPut?
    /// The priority from the PUSH's QoS extension (`.data` when it had none).
    public var priority: ZenohPriority

    /// A sample.
    public init(key: String, put: ZenohPut?, priority: ZenohPriority = .data) {
        self.key = key
        self.put = put
        self.priority = priority
    }
}
