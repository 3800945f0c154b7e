import ParallaxCore

/// The input side of a typed pipeline stage; `Takes<In>.Gives<Out>` is a stage from `In` to `Out`.
///
/// The spelling is chosen for the compiler's messages: when an element does not accept what the stage
/// before it gives, the error reads
/// `cannot convert parent type 'Takes<RawVideo<I420>>' to expected type 'Takes<RawVideo<RGBA>>'`.
/// Values of `Takes` are never made; it only namespaces `Gives`.
public enum Takes<In>: Sendable {
    /// A typed stage: a piece of pipeline graph that consumes `In` and produces `Out`.
    ///
    /// Stages come out of `PipelineBuilder` and `BranchBuilder`; each wraps an untyped fragment of the
    /// graph (nodes, links and a dangling entry and exit) that the builder joins link by link.
    /// Stages are plain values; a stage can be used as a statement of another builder.
    public struct Gives<Out>: Sendable {
        var fragment: Fragment

        init(_ fragment: Fragment) {
            self.fragment = fragment
        }
    }
}

/// A typed stage from `In` to `Out`; the same type as `Takes<In>.Gives<Out>`.
public typealias Stage<In, Out> = Takes<In>.Gives<Out>
