/// The media type after a pipeline's sink: a `Sink` stage gives `PipelineEnd`.
///
/// It is builder bookkeeping only. Nothing can follow a stage that gives `PipelineEnd`, so an element
/// after a sink, or a pipeline without a sink, is a compile-time error.
public enum PipelineEnd: Sendable {}
