/// What an `Aggregator` did in one `aggregate` call, telling the executor what happens next.
public enum AggregateStep: Sendable, Hashable {
    /// `ctx.output` holds the next output buffer (`ctx.outputLength`, `ctx.metadata`): push it downstream.
    case output
    /// Push the oldest buffer queued on `pad` downstream as it is, with `ctx.metadata` (nothing is copied):
    /// what `funnel` and `input-selector` do.
    case forward(pad: Int)
    /// Drop the oldest buffer queued on `pad` (`input-selector` for an inactive pad).
    case discard(pad: Int)
    /// The element cannot go on before `pad` brings a buffer or ends; nil: before any pad does.
    case needData(pad: Int?)
    /// The output stream is complete: EOS goes downstream.
    case endOfStream
}
