import ParallaxCore

extension ElementHarness where E: Source {
    /// Asks the source for one buffer; an output (on `.ok`) is kept for `pull()`.
    ///
    /// The output is pre-allocated as the executor does: `outputSize(for: outputCaps)` bytes, else a video
    /// frame's size for raw video, else 4096; `outputLength` starts at that capacity and `metadata` is
    /// fresh, with `sequence` counting this harness's outputs. A live source is not paced. A source that
    /// hands on a buffer of its own (`replaceOutput(with:)`) has that buffer kept instead.
    @discardableResult
    public func produce() throws(ElementError) -> FlowStatus {
        let caps = outputCaps ?? .any
        let capacity = element.outputSize(for: caps) ?? VideoInfo(caps: caps)?.size ?? 4096
        var output = Buffer(capacity: capacity)
        let base = output.storage.base
        let metadata = BufferMetadata(sequence: nextOutputSequence())
        let reports = emitter(capacity: capacity, acceptsOutputs: false)
        let (status, length, newMetadata) = try withElement { (element) throws(ElementError) in
            var ctx = ElementCallContext(
                input: nil, outputBase: base, outputCapacity: capacity, outputLength: capacity, metadata: metadata,
                isInPlace: false, emitter: reports)
            let status = try element.produce(&ctx)
            return (status, ctx.outputLength, ctx.metadata)
        }
        let replacement = reports.replacement
        if status == .ok, var replacement {
            replacement.metadata.sequence = metadata.sequence
            collect(replacement)
        } else if status == .ok {
            output.length = length
            output.metadata = newMetadata
            collect(output)
        }
        return status
    }

    /// Produces until the source ends the stream (or `limit` buffers), then pulls and returns every output.
    public func produceAll(limit: Int = 10_000) throws(ElementError) -> [Buffer] {
        var count = 0
        while count < limit, try produce() != .eos { count += 1 }
        return pullAll()
    }
}
