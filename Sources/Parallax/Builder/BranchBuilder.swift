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
public enum BranchBuilder<Begin> {
    /// A source starts the pipeline.
    public static func buildExpression<S: Source>(_ source: S) -> Takes<PipelineStart>.Gives<S.Output> {
        Stage(Fragment(element: source, hasInput: false, hasOutput: true))
    }

    /// A transform with typed pads.
    public static func buildExpression<T: Transform>(_ transform: T) -> Takes<T.Input>.Gives<T.Output> {
        Stage(Fragment(element: transform, hasInput: true, hasOutput: true))
    }

    /// An `AnyMedia -> AnyMedia` transform (`Identity`, `Queue`, …): keeps the upstream type.
    public static func buildExpression<T: Transform>(_ transform: T) -> PassThrough
    where T.Input == AnyMedia, T.Output == AnyMedia {
        PassThrough(Fragment(element: transform, hasInput: true, hasOutput: true))
    }

    /// A caps filter: its caps go on the link, as `a ! video/x-raw,… ! b` does in a launch string.
    public static func buildExpression(_ filter: CapsFilter) -> PassThrough {
        PassThrough(Fragment(caps: filter.caps))
    }

    /// A sink with a typed pad ends the pipeline.
    public static func buildExpression<K: Sink>(_ sink: K) -> Takes<K.Input>.Gives<PipelineEnd> {
        Stage(Fragment(element: sink, hasInput: true, hasOutput: false))
    }

    /// A sink that takes any media ends the pipeline after any stage.
    public static func buildExpression<K: Sink>(_ sink: K) -> AnyInput<PipelineEnd> where K.Input == AnyMedia {
        AnyInput(Fragment(element: sink, hasInput: true, hasOutput: false))
    }

    /// A stage built elsewhere (a `Tee.branches` or a stored segment) is used as it is.
    public static func buildExpression<In, Out>(_ stage: Takes<In>.Gives<Out>) -> Takes<In>.Gives<Out> {
        stage
    }

    /// A pass-through built elsewhere is used as it is.
    public static func buildExpression(_ stage: PassThrough) -> PassThrough { stage }

    /// An any-input stage built elsewhere is used as it is.
    public static func buildExpression<Out>(_ stage: AnyInput<Out>) -> AnyInput<Out> { stage }

    /// The first stage of the block.
    public static func buildPartialBlock<In, Out>(first: Takes<In>.Gives<Out>) -> Takes<In>.Gives<Out> {
        first
    }

    /// The one composition rule: the next stage must take what the stages before give.
    public static func buildPartialBlock<In, Media, Out>(
        accumulated: Takes<In>.Gives<Media>, next: Takes<Media>.Gives<Out>
    ) -> Takes<In>.Gives<Out> {
        Stage(accumulated.fragment.then(next.fragment))
    }

    /// A pass-through at the head of a branch takes the branch's media.
    public static func buildPartialBlock(first: PassThrough) -> Takes<Begin>.Gives<Begin> {
        Stage(first.fragment)
    }

    /// An any-input stage at the head of a branch takes the branch's media.
    public static func buildPartialBlock<Out>(first: AnyInput<Out>) -> Takes<Begin>.Gives<Out> {
        Stage(first.fragment)
    }

    /// A pass-through keeps the upstream type. Nothing follows a sink: `PipelineEnd` is no `MediaType`.
    public static func buildPartialBlock<In, Media: MediaType>(
        accumulated: Takes<In>.Gives<Media>, next: PassThrough
    ) -> Takes<In>.Gives<Media> {
        Stage(accumulated.fragment.then(next.fragment))
    }

    /// A stage that takes any media follows any stage but a sink.
    public static func buildPartialBlock<In, Media: MediaType, Out>(
        accumulated: Takes<In>.Gives<Media>, next: AnyInput<Out>
    ) -> Takes<In>.Gives<Out> {
        Stage(accumulated.fragment.then(next.fragment))
    }
}
