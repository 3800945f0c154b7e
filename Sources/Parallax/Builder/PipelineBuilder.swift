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
public enum PipelineBuilder: StageBuilder {
    /// A pass-through at the head of a block: the body of an `if` or `for` around pass-through elements.
    /// (A whole pipeline that starts with one is an error: a pass-through is no source.)
    public static func buildPartialBlock(first: PassThrough) -> PassThrough { first }

    /// A raw video filter of any format at the head of a block: the body of an `if` or `for`.
    public static func buildPartialBlock(first: RawVideoPassThrough) -> RawVideoPassThrough { first }

    /// Lets a statement that is not an element reach its unavailable `buildExpression`, so the error is
    /// reported there and not at the block's `{`.
    public static func buildPartialBlock<N: NotAnElementMarker>(
        first: N
    ) -> Takes<PipelineStart>.Gives<PipelineStart> {
        fatalError("not a pipeline element")
    }

    /// Lets a statement that is not an element reach its unavailable `buildExpression` (see above).
    public static func buildPartialBlock<In, Out, N: NotAnElementMarker>(
        accumulated: Takes<In>.Gives<Out>, next: N
    ) -> Takes<In>.Gives<Out> {
        fatalError("not a pipeline element")
    }
}
