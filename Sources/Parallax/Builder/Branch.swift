/// One branch of a tee: a chain that takes `Media` and ends in a sink.
///
/// ```swift
/// Tee.branches(of: RawVideo<AnyPixelFormat>.self) {
///     Branch { Queue(); FakeSink() }
///     Branch { Identity(); FakeSink() }
/// }
/// ```
/// `Media` comes from the enclosing `Tee.branches`. Runs on the calling thread.
public struct Branch<Media>: Sendable {
    var stage: Takes<Media>.Gives<PipelineEnd>

    /// A branch built from the elements of `body`, the first of which takes `Media`.
    public init(@BranchBuilder<Media> _ body: () -> Takes<Media>.Gives<PipelineEnd>) {
        stage = body()
    }
}
