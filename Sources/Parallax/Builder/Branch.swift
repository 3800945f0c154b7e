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

    /// A branch whose media is that of its first element, for `Tee.branches { … }` without `of:`:
    /// `Branch { I420Only(); FakeSink() }` is a `Branch<RawVideo<I420>>`. Preferred less than the form above,
    /// which takes its media from the tee.
    @_disfavoredOverload
    public init(@PipelineBuilder inferring body: () -> Takes<Media>.Gives<PipelineEnd>) {
        stage = body()
    }
}
