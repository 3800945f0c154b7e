import ParallaxCore

extension ElementHarness where E: Sink {
    /// Renders `buffer` in the sink and returns its status (`.eos` when the sink wants no more).
    ///
    /// The sink sees `ctx.input`, `ctx.inputBuffer` (the buffer itself, for sinks that keep it) and
    /// `ctx.metadata`. It is rendered at once, whatever its `sync`.
    @discardableResult
    public func push(_ buffer: consuming Buffer) throws(ElementError) -> FlowStatus {
        buffer.metadata.sequence = nextInputSequence()
        let input = buffer
        let emitter = emitter(capacity: 0, acceptsOutputs: false)
        return try withElement { (element) throws(ElementError) in
            var ctx = ElementCallContext(
                input: input, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: input.metadata,
                isInPlace: false, emitter: emitter)
            return try element.render(&ctx)
        }
    }
}
