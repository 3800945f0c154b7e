import ParallaxCore
import ParallaxElements

/// Builds a typed pipeline from a list of elements, one statement each, linked in order.
///
/// Every statement is first turned into a stage by `buildExpression`: a `Source` into
/// `Takes<PipelineStart>.Gives<Output>`, a `Transform` into `Takes<Input>.Gives<Output>`, a `Sink` into
/// `Takes<Input>.Gives<PipelineEnd>`. Elements that take `AnyMedia` become `PassThrough` (an
/// `AnyMedia -> AnyMedia` transform: keeps the upstream type) or `AnyInput` (follows any stage).
/// A `CapsFilter` becomes caps on the link, as in a launch string. Stages are then joined by one rule,
/// `Takes<A>.Gives<B>` then `Takes<B>.Gives<C>` is `Takes<A>.Gives<C>`, so an element that does not take
/// what the stage before it gives is a compile-time error at that element:
///
/// ```swift
/// let graph = Pipeline.graph {
///     VideoTestSource().with(\.numBuffers, 3)
///     CapsFilter("video/x-raw,width=320")
///     Queue()
///     FakeSink()
/// }
/// ```
/// Runs at compile time (type checking) and on the calling thread.
@resultBuilder
public enum PipelineBuilder {
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
