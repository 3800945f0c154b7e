import ParallaxCore
import ParallaxElements

/// Builds one branch of a tee: like `PipelineBuilder`, but the block starts from `Begin`, the media the
/// tee receives, instead of from a source.
///
/// A branch may start with a pass-through (`Queue()`, a `CapsFilter`) or an any-input sink; they take
/// `Begin`. A branch that starts with a typed element must start with one that takes `Begin`.
///
/// ```swift
/// Tee.branches(of: RawVideo<AnyPixelFormat>.self) {
///     Branch { Queue(); FakeSink() }
///     Branch { Queue(); FakeSink() }
/// }
/// ```
/// Runs at compile time (type checking) and on the calling thread.
@resultBuilder
public enum BranchBuilder<Begin>: StageBuilder {
    /// A pass-through at the head of a branch takes the branch's media.
    public static func buildPartialBlock(first: PassThrough) -> Takes<Begin>.Gives<Begin> {
        Stage(first.fragment)
    }

    /// An any-input stage at the head of a branch takes the branch's media.
    public static func buildPartialBlock<Out>(first: AnyInput<Out>) -> Takes<Begin>.Gives<Out> {
        Stage(first.fragment)
    }

    /// A raw video filter of any format at the head of a branch of raw video takes the branch's media.
    public static func buildPartialBlock<Format>(
        first: RawVideoPassThrough
    ) -> Takes<Begin>.Gives<Begin> where Begin == RawVideo<Format> {
        Stage(first.fragment)
    }

    /// A stage that takes raw video of any format at the head of a branch of raw video.
    public static func buildPartialBlock<Format, Out>(
        first: AnyRawVideoInput<Out>
    ) -> Takes<Begin>.Gives<Out> where Begin == RawVideo<Format> {
        Stage(first.fragment)
    }

    /// Lets a statement that is not an element reach its unavailable `buildExpression`, so the error is
    /// reported there and not at the block's `{`.
    public static func buildPartialBlock<N: NotAnElementMarker>(first: N) -> Takes<Begin>.Gives<Begin> {
        fatalError("not a pipeline element")
    }

    /// Lets a statement that is not an element reach its unavailable `buildExpression` (see above).
    public static func buildPartialBlock<In, Out, N: NotAnElementMarker>(
        accumulated: Takes<In>.Gives<Out>, next: N
    ) -> Takes<In>.Gives<Out> {
        fatalError("not a pipeline element")
    }
}
