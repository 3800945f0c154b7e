/// A transform that sends outputs of its own: several per input (`ctx.emit`: payloaders, parsers, `videorate`)
/// or at end of stream (`drain`: muxers correcting their header, `audioresample`'s tail, a jitter buffer's queue).
///
/// Element hosts carry one output per work order, so isolation keeps these elements in the pipeline's process
/// (`parallax-launch -v` says `in-process`) rather than lose what they send; declaring the conformance is how an
/// element says it needs this. Thread: a marker, no requirements.
public protocol SendsOwnOutputs: Transform {}
