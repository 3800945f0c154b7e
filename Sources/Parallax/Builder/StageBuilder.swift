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
    // MARK: Elements

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

    /// A raw video filter of any format (`VideoScale`): keeps the upstream raw video format.
    public static func buildExpression<T: RawVideoFilter>(_ filter: T) -> RawVideoPassThrough {
        RawVideoPassThrough(Fragment(element: filter, hasInput: true, hasOutput: true))
    }

    /// A transform that takes raw video of any format (`VideoConvert`): follows any raw video stage.
    public static func buildExpression<T: Transform>(_ transform: T) -> AnyRawVideoInput<T.Output>
    where T.Input == RawVideo<AnyPixelFormat> {
        AnyRawVideoInput(Fragment(element: transform, hasInput: true, hasOutput: true))
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

    /// A sink of raw video in any format ends the pipeline after any raw video stage.
    public static func buildExpression<K: Sink>(_ sink: K) -> AnyRawVideoInput<PipelineEnd>
    where K.Input == RawVideo<AnyPixelFormat> {
        AnyRawVideoInput(Fragment(element: sink, hasInput: true, hasOutput: false))
    }

    /// An element known only by name (`ElementByName`, a generated wrapper), made from the pipeline's
    /// registry when the pipeline is built.
    public static func buildExpression<N: ElementByName>(_ element: N) -> Takes<N.Input>.Gives<N.Output> {
        Stage(element.fragment)
    }

    // MARK: Elements with modifiers (`.named(_:)`, `.isolated()`, `.group(_:)`, `.queued()`)

    /// A source with modifiers.
    public static func buildExpression<S: Source>(
        _ source: ConfiguredElement<S>
    ) -> Takes<PipelineStart>.Gives<S.Output> {
        Stage(source.fragment(hasInput: false, hasOutput: true))
    }

    /// A typed transform with modifiers.
    public static func buildExpression<T: Transform>(
        _ transform: ConfiguredElement<T>
    ) -> Takes<T.Input>.Gives<T.Output> {
        Stage(transform.fragment(hasInput: true, hasOutput: true))
    }

    /// An `AnyMedia -> AnyMedia` transform with modifiers.
    public static func buildExpression<T: Transform>(_ transform: ConfiguredElement<T>) -> PassThrough
    where T.Input == AnyMedia, T.Output == AnyMedia {
        PassThrough(transform.fragment(hasInput: true, hasOutput: true))
    }

    /// A raw video filter of any format with modifiers.
    public static func buildExpression<T: RawVideoFilter>(_ filter: ConfiguredElement<T>) -> RawVideoPassThrough {
        RawVideoPassThrough(filter.fragment(hasInput: true, hasOutput: true))
    }

    /// A transform of raw video of any format with modifiers.
    public static func buildExpression<T: Transform>(
        _ transform: ConfiguredElement<T>
    ) -> AnyRawVideoInput<T.Output> where T.Input == RawVideo<AnyPixelFormat> {
        AnyRawVideoInput(transform.fragment(hasInput: true, hasOutput: true))
    }

    /// A typed sink with modifiers.
    public static func buildExpression<K: Sink>(_ sink: ConfiguredElement<K>) -> Takes<K.Input>.Gives<PipelineEnd> {
        Stage(sink.fragment(hasInput: true, hasOutput: false))
    }

    /// A sink of any media with modifiers.
    public static func buildExpression<K: Sink>(_ sink: ConfiguredElement<K>) -> AnyInput<PipelineEnd>
    where K.Input == AnyMedia {
        AnyInput(sink.fragment(hasInput: true, hasOutput: false))
    }

    /// A sink of raw video in any format with modifiers.
    public static func buildExpression<K: Sink>(_ sink: ConfiguredElement<K>) -> AnyRawVideoInput<PipelineEnd>
    where K.Input == RawVideo<AnyPixelFormat> {
        AnyRawVideoInput(sink.fragment(hasInput: true, hasOutput: false))
    }

    // MARK: Optional elements (`condition ? Element() : nil`); nil adds nothing

    /// An optional transform that keeps its type.
    public static func buildExpression<T: Transform>(_ transform: T?) -> Takes<T.Input>.Gives<T.Output>
    where T.Input == T.Output {
        Stage(transform.map { Fragment(element: $0, hasInput: true, hasOutput: true) } ?? Fragment())
    }

    /// An optional `AnyMedia -> AnyMedia` transform.
    public static func buildExpression<T: Transform>(_ transform: T?) -> PassThrough
    where T.Input == AnyMedia, T.Output == AnyMedia {
        PassThrough(transform.map { Fragment(element: $0, hasInput: true, hasOutput: true) } ?? Fragment())
    }

    /// An optional raw video filter of any format.
    public static func buildExpression<T: RawVideoFilter>(_ filter: T?) -> RawVideoPassThrough {
        RawVideoPassThrough(filter.map { Fragment(element: $0, hasInput: true, hasOutput: true) } ?? Fragment())
    }

    // MARK: Stages built elsewhere

    /// A stage built elsewhere (a `Tee.branches` or a stored segment) is used as it is.
    public static func buildExpression<In, Out>(_ stage: Takes<In>.Gives<Out>) -> Takes<In>.Gives<Out> {
        stage
    }

    /// A pass-through built elsewhere is used as it is.
    public static func buildExpression(_ stage: PassThrough) -> PassThrough { stage }

    /// An any-input stage built elsewhere is used as it is.
    public static func buildExpression<Out>(_ stage: AnyInput<Out>) -> AnyInput<Out> { stage }

    /// A raw video pass-through built elsewhere is used as it is.
    public static func buildExpression(_ stage: RawVideoPassThrough) -> RawVideoPassThrough { stage }

    /// An any-raw-video stage built elsewhere (`VideoConvert.to(I420.self)`) is used as it is.
    public static func buildExpression<Out>(_ stage: AnyRawVideoInput<Out>) -> AnyRawVideoInput<Out> { stage }

    /// Anything else is not an element: an error on the statement's own line.
    @available(
        *, unavailable,
        message: "not a pipeline element (expected a Source, Transform, Sink, Tee.branches or CapsFilter)"
    )
    public static func buildExpression<X>(_ value: X) -> NotAnElement {
        fatalError("not a pipeline element")
    }

    // MARK: Composition

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

    /// A raw video filter of any format keeps the upstream format.
    public static func buildPartialBlock<In, Format>(
        accumulated: Takes<In>.Gives<RawVideo<Format>>, next: RawVideoPassThrough
    ) -> Takes<In>.Gives<RawVideo<Format>> {
        Stage(accumulated.fragment.then(next.fragment))
    }

    /// A stage that takes raw video of any format follows any raw video stage.
    public static func buildPartialBlock<In, Format, Out>(
        accumulated: Takes<In>.Gives<RawVideo<Format>>, next: AnyRawVideoInput<Out>
    ) -> Takes<In>.Gives<Out> {
        Stage(accumulated.fragment.then(next.fragment))
    }

    // MARK: Control flow

    /// `if` without `else` around a segment that keeps the type; a false condition adds nothing.
    public static func buildOptional<Media>(_ stage: Takes<Media>.Gives<Media>?) -> Takes<Media>.Gives<Media> {
        stage ?? Stage(Fragment())
    }

    /// `if` without `else` around pass-through elements.
    public static func buildOptional(_ stage: PassThrough?) -> PassThrough { stage ?? PassThrough(Fragment()) }

    /// `if` without `else` around raw video filters of any format.
    public static func buildOptional(_ stage: RawVideoPassThrough?) -> RawVideoPassThrough {
        stage ?? RawVideoPassThrough(Fragment())
    }

    /// The `if` side of an `if`/`else`; both sides must have the same stage type.
    public static func buildEither<Component>(first component: Component) -> Component { component }

    /// The `else` side of an `if`/`else`.
    public static func buildEither<Component>(second component: Component) -> Component { component }

    /// A `for` loop over a segment that keeps the type: the iterations are linked in order.
    public static func buildArray<Media>(_ stages: [Takes<Media>.Gives<Media>]) -> Takes<Media>.Gives<Media> {
        Stage(stages.reduce(Fragment()) { $0.then($1.fragment) })
    }

    /// A `for` loop over pass-through elements.
    public static func buildArray(_ stages: [PassThrough]) -> PassThrough {
        PassThrough(stages.reduce(Fragment()) { $0.then($1.fragment) })
    }

    /// A `for` loop over raw video filters of any format.
    public static func buildArray(_ stages: [RawVideoPassThrough]) -> RawVideoPassThrough {
        RawVideoPassThrough(stages.reduce(Fragment()) { $0.then($1.fragment) })
    }
}
