/// How often a crashed element host is started again before the pipeline gives up, how long to wait
/// between attempts, and how long a host may take to answer one buffer before it counts as hung.
public struct RestartPolicy: Sendable, Hashable {
    /// Restarts allowed within `window`; one more fails the pipeline.
    public var maxRestarts: Int
    /// The sliding window restarts are counted in, in nanoseconds.
    public var windowNanoseconds: UInt64
    /// The wait before the first restart; it doubles for each further restart in the window.
    public var backoffNanoseconds: UInt64
    /// The longest wait between attempts.
    public var maxBackoffNanoseconds: UInt64
    /// How long a host may take over one buffer before it is killed as hung (nil: forever).
    public var responseTimeoutNanoseconds: UInt64?

    /// Creates a policy.
    public init(
        maxRestarts: Int = 5, windowNanoseconds: UInt64 = 10_000_000_000, backoffNanoseconds: UInt64 = 1_000_000,
        maxBackoffNanoseconds: UInt64 = 1_000_000_000, responseTimeoutNanoseconds: UInt64? = 10_000_000_000
    ) {
        self.maxRestarts = maxRestarts
        self.windowNanoseconds = windowNanoseconds
        self.backoffNanoseconds = backoffNanoseconds
        self.maxBackoffNanoseconds = maxBackoffNanoseconds
        self.responseTimeoutNanoseconds = responseTimeoutNanoseconds
    }

    /// Five restarts in ten seconds, 1 ms backoff doubling to 1 s, a hung host killed after 10 s.
    public static let standard = RestartPolicy()
    /// No restarts: the first crash fails the pipeline.
    public static let never = RestartPolicy(maxRestarts: 0)
}
