/// The media type before a pipeline's source: a `Source` stage takes `PipelineStart`.
///
/// It is builder bookkeeping only, never a real stream. A typed pipeline is a
/// `Takes<PipelineStart>.Gives<PipelineEnd>`: it starts with a source and ends with a sink.
public enum PipelineStart: Sendable {}
