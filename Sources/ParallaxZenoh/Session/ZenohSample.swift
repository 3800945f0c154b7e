/// What a subscriber receives: the key a sample was put on (or deleted from) and, for a put, its body.
///
/// ```swift
/// session.subscribe("factory/**") { sample in print(sample.key, sample.put?.payload.count ?? 0) }
/// ```
public struct ZenohSample: Sendable, Equatable {
    /// The full key.
    public var key: String
    /// The sample, or nil when the key was deleted.
    public var put: ZenohPut?

    /// A sample.
    public init(key: String, put: ZenohPut?) {
        self.key = key
        self.put = put
    }
}
