/// A transform that sends outputs of its own: several per input (`ctx.emit`: payloaders, parsers, `videorate`)
/// or at end of stream (`drain`: muxers correcting their header, `audioresample`'s tail, a jitter buffer's queue).
///
/// Isolated, such an element gets an element host of its own (its outputs go downstream while it runs, which
/// a host shared with an element downstream could not serve), and its calls never overlap (the host asks for
/// each output's slot between work orders). Declaring the conformance is how an element says it needs this.
/// Thread: a marker, no requirements.
public protocol SendsOwnOutputs: Transform {}
