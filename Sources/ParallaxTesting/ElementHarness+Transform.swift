import ParallaxCore

extension ElementHarness where E: Transform {
    /// Pushes `buffer` through the transform; an output (if any) is kept for `pull()`.
    ///
    /// As in a pipeline: a passthrough element sees the input and may change its metadata, and the same
    /// buffer goes on; an in-place element works on the input's memory (its whole capacity) when `buffer` is
    /// uniquely held (pass a buffer you do not keep); otherwise the element fills a fresh output of `outputSize(for:inputSize:)`
    /// bytes (the input's length if nil). `outputLength` starts at the input's length, `metadata` as the
    /// input's. Outputs the element emits (`ctx.emit`) are collected first, in order. Returns the element's
    /// status: `.ok` (an output was collected), `.dropped` or `.eos`.
    @discardableResult
    public func push(_ buffer: consuming Buffer) throws(ElementError) -> FlowStatus {
        buffer.metadata.sequence = nextInputSequence()
        let metadata = buffer.metadata
        let length = buffer.length
        let element = self.element
        if element.isPassthrough {
            let emitter = emitter(capacity: 0, acceptsOutputs: false)
            let (status, newMetadata) = try withElement { (element) throws(ElementError) in
                var ctx = ElementCallContext(
                    input: buffer, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: metadata,
                    isInPlace: false, emitter: emitter)
                let status = try element.process(&ctx)
                return (status, ctx.metadata)
            }
            if status == .ok {
                buffer.metadata = newMetadata
                collect(buffer)
            }
            return status
        }
        if element.canProcessInPlace, buffer.isWritable {
            let base = buffer.storage.base, capacity = buffer.storage.capacity
            let emitter = emitter(capacity: capacity)
            let (status, newLength, newMetadata) = try withElement { (element) throws(ElementError) in
                var ctx = ElementCallContext(
                    input: buffer, outputBase: base, outputCapacity: capacity, outputLength: length,
                    metadata: metadata, isInPlace: true, emitter: emitter)
                let status = try element.process(&ctx)
                return (status, ctx.outputLength, ctx.metadata)
            }
            for emitted in emitter.outputs { collect(emitted) }
            if status == .ok {
                buffer.length = newLength
                buffer.metadata = newMetadata
                collect(buffer)
            }
            return status
        }
        let capacity = outputCaps.flatMap { element.outputSize(for: $0, inputSize: length) } ?? length
        var output = Buffer(capacity: capacity)
        let base = output.storage.base
        let emitter = emitter(capacity: capacity)
        let (status, newLength, newMetadata) = try withElement { (element) throws(ElementError) in
            var ctx = ElementCallContext(
                input: buffer, outputBase: base, outputCapacity: capacity, outputLength: length, metadata: metadata,
                isInPlace: false, emitter: emitter)
            let status = try element.process(&ctx)
            return (status, ctx.outputLength, ctx.metadata)
        }
        for emitted in emitter.outputs { collect(emitted) }
        if status == .ok {
            output.length = newLength
            output.metadata = newMetadata
            collect(output)
        }
        return status
    }
}
