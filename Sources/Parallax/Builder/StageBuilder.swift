import ParallaxCore
import ParallaxElements

/// The statements and the composition rules that `PipelineBuilder` and `BranchBuilder` share; see
/// `PipelineBuilder`. Result builders find static methods of a protocol extension, so both builders
/// conform and declare only what differs between them.
///
/// Swift 6.3.1's check of `@resultBuilder` does not look into protocol extensions for
/// `buildPartialBlock`: each builder must itself declare at least one `buildPartialBlock(first:)` and one
/// `buildPartialBlock(accumulated:next:)`. They declare the pass-throughs for `NotAnElement`.
public protocol StageBuilder {}

extension StageBuilder {
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

    /// Anything else is not an element: an error on the statement's own line.
    @available(
        *, unavailable,
        message: "not a pipeline element (expected a Source, Transform, Sink, Tee.branches or CapsFilter)"
    )
    public static func buildExpression<X>(_ value: X) -> NotAnElement {
        fatalError("not a pipeline element")
    }

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

