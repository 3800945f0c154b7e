import ParallaxCore

/// Runs a `Transform` inside a segment: in place, into a pooled output, or as a passthrough.
///
/// ```
/// passthrough:  buffer ──process(metadata only)──► same buffer
/// in place:     buffer (uniquely held) ──process──► same buffer, new bytes
/// otherwise:    buffer ──process──► output from this link's pool; input released
/// ```
final class TransformRunner<T: Transform>: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread
    private let state: StreamingState<T>
    /// A copy taken at setup for `unlock()`, so the control thread never touches the streaming thread's value.
    private let unlockHandle: T
    private let configuration: StreamingState<RunnerConfiguration>
    private let renegotiator: Renegotiator
    var downstream: NodeRunner
    private let passthrough: Bool
    private let inPlace: Bool

    init(
        name: String, element: T, configuration: RunnerConfiguration, renegotiator: Renegotiator,
        downstream: NodeRunner, context: ExecutionContext
    ) {
        self.state = StreamingState(element)
        self.unlockHandle = element
        self.configuration = StreamingState(configuration)
        self.renegotiator = renegotiator
        self.downstream = downstream
        self.passthrough = element.isPassthrough
        self.inPlace = element.canProcessInPlace
        super.init(name: name, context: context)
    }

    override func unlock() { unlockHandle.unlock() }

    override func stopElement() { state.pointer.pointee.stop() }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        count(bytes: buffer.length)
        let status: FlowStatus
        do throws(ElementError) {
            if passthrough {
                status = try inspect(&buffer)
            } else if inPlace && buffer.isWritable {
                status = try transformInPlace(&buffer)
            } else {
                guard let pool = configuration.pointer.pointee.pool, var output = pool.acquire() else {
                    buffer.release()
                    return .flushing
                }
                do throws(ElementError) {
                    status = try transform(buffer, into: &output)
                } catch {
                    output.release()
                    throw error
                }
                var input = buffer
                buffer = output
                input.release()
            }
        } catch {
            buffer.release()
            context.fail(element: name, error)
            return .error
        }
        switch status {
        case .ok: return downstream.push(consume buffer)
        case .dropped:
            buffer.release()
            return .ok
        case .eos:
            buffer.release()
            return .eos
        }
    }

    /// Forwards events the element does not drop. A caps event always goes on, carrying this element's output
    /// caps; when it announces a renegotiation, the element is configured for the new caps first, so the
    /// buffers before it were processed with the old format and those after it get the new one.
    override func pushEvent(_ event: Event) -> FlowReturn {
        guard handOnHeld() else { return .error }
        guard case .caps(let caps) = event else {
            if event == .eos, !passthrough, !drain() { return .error }
            guard state.pointer.pointee.handleEvent(event) == .forward else { return .ok }
            return downstream.pushEvent(event)
        }
        if let change = configuration.pointer.pointee.capsEvent(from: renegotiator), !apply(change) { return .error }
        _ = state.pointer.pointee.handleEvent(event)
        return downstream.pushEvent(.caps(configuration.pointer.pointee.caps ?? caps))
    }

    /// Lets the element send what it still holds before EOS goes on (`Transform.drain`).
    private func drain() -> Bool {
        call { (element: inout T, ctx: inout ElementCallContext) throws(ElementError) in try element.drain(&ctx) }
    }

    /// Lets the element send the outputs it held back before an event goes past it (`Transform.handOnHeld`).
    private func handOnHeld() -> Bool {
        call { (element: inout T, ctx: inout ElementCallContext) throws(ElementError) in try element.handOnHeld(&ctx) }
    }

    /// Runs `body` with a context that has no input and no output area of its own; a thrown error fails the
    /// pipeline, naming this element.
    private func call(_ body: (inout T, inout ElementCallContext) throws(ElementError) -> Void) -> Bool {
        var ctx = ElementCallContext(
            input: nil, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: BufferMetadata(),
            isInPlace: false, emitter: self)
        do throws(ElementError) {
            try body(&state.pointer.pointee, &ctx)
        } catch {
            context.fail(element: name, error)
            return false
        }
        return true
    }

    /// Takes this element's part of a renegotiation: properties, `setCaps`, the new output pool.
    private func apply(_ change: Renegotiator.Reconfiguration) -> Bool {
        do throws(ElementError) {
            try configuration.pointer.pointee.configure(&state.pointer.pointee, for: change)
        } catch {
            context.fail(element: name, error)
            return false
        }
        renegotiator.announce(change, node: configuration.pointer.pointee.node)
        return true
    }

    private func inspect(_ buffer: inout Buffer) throws(ElementError) -> FlowStatus {
        var ctx = ElementCallContext(
            input: buffer, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: buffer.metadata,
            isInPlace: false, emitter: self)
        let status = try state.pointer.pointee.process(&ctx)
        buffer.metadata = ctx.metadata
        return status
    }

    private func transformInPlace(_ buffer: inout Buffer) throws(ElementError) -> FlowStatus {
        var ctx = ElementCallContext(
            input: buffer, outputBase: buffer.storage.base, outputCapacity: buffer.storage.capacity,
            outputLength: buffer.length, metadata: buffer.metadata, isInPlace: true, emitter: self)
        let status = try state.pointer.pointee.process(&ctx)
        buffer.metadata = ctx.metadata
        buffer.length = ctx.outputLength
        return status
    }

    private func transform(_ input: Buffer, into output: inout Buffer) throws(ElementError) -> FlowStatus {
        var ctx = ElementCallContext(
            input: input, outputBase: output.storage.base, outputCapacity: output.length,
            outputLength: input.length, metadata: input.metadata, isInPlace: false, outputStorage: output.storage,
            emitter: self)
        let status = try state.pointer.pointee.process(&ctx)
        output.metadata = ctx.metadata
        output.length = ctx.outputLength
        return status
    }
}

extension TransformRunner: OutputEmitter {
    /// Passthrough elements have no outputs of their own.
    var acceptsOutputs: Bool { !passthrough }

    /// An element message on the bus, named after this element.
    func post(_ message: CapsStructure) { context.bus.post(.element(element: name, message)) }

    /// A pooled output filled by the element and pushed downstream at once (`ElementCallContext.emit`).
    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus {
        guard let pool = configuration.pointer.pointee.pool, var output = pool.acquire() else { return .eos }
        let written = fill(UnsafeMutableRawBufferPointer(start: output.storage.base, count: output.length))
        output.length = max(0, min(written, output.length))
        output.metadata = metadata
        switch downstream.push(output) {
        case .ok: return .ok
        case .eos, .flushing, .error: return .eos
        }
    }

    /// A pooled output the element keeps (`ElementCallContext.makeOutputBuffer`).
    func makeOutput() -> Buffer? { configuration.pointer.pointee.pool?.acquire() }

    /// A buffer the element held, pushed downstream at once (`ElementCallContext.emit(_:)`).
    func emitBuffer(_ buffer: Buffer) -> FlowStatus { downstream.push(buffer) == .ok ? .ok : .eos }
}
