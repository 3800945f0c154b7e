/// An element that must run in the pipeline's own process, whatever the execution mode: it hands buffers
/// to or from application code (appsrc, appsink) or is part of the executor itself (queue, tee, capsfilter).
/// Isolating execution modes leave such elements in-process and say so.
public protocol PipelineBound: Element {}
