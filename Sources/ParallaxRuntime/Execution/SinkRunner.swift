import ParallaxCore

/// Runs a `Sink` at the end of a segment; waits for running time when the sink syncs, then renders.
final class SinkRunner<K: Sink>: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread
    private let state: StreamingState<K>
    /// The segment and whether EOS was rendered, apart from the element (no tuple metadata per buffer).
    private let stream: StreamingState<SinkStreamState>
    /// A copy taken at setup for `unlock()`, so the control thread never touches the streaming thread's value.
    private let unlockHandle: K
    private let sync: Bool
    private let configuration: StreamingState<RunnerConfiguration>
    private let renegotiator: Renegotiator

    init(
        name: String, element: K, configuration: RunnerConfiguration, renegotiator: Renegotiator,
        context: ExecutionContext
    ) {
        self.state = StreamingState(element)
        self.stream = StreamingState(SinkStreamState())
        self.unlockHandle = element
        self.configuration = StreamingState(configuration)
        self.renegotiator = renegotiator
        self.sync = element.sync
        super.init(name: name, context: context)
    }

    override func unlock() { unlockHandle.unlock() }

    override func stopElement() { state.pointer.pointee.stop() }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        if sync, let pts = buffer.pts, let runningTime = stream.pointer.pointee.segment.runningTime(of: pts) {
            if context.clock.wait(until: context.baseTime + runningTime) == .unscheduled, context.isStopping {
                buffer.release()
                return .flushing
            }
        }
        count(bytes: buffer.length)
        let status: FlowStatus
        do {
            status = try render(buffer)
        } catch {
            buffer.release()
            context.fail(element: name, error)
            return .error
        }
        buffer.release()
        return status == .eos ? .eos : .ok
    }

    private func render(_ buffer: Buffer) throws(ElementError) -> FlowStatus {
        var ctx = ElementCallContext(
            input: buffer, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: buffer.metadata,
            isInPlace: false, emitter: self)
        return try state.pointer.pointee.render(&ctx)
    }

    private func finishElement() throws(ElementError) {
        try state.pointer.pointee.finish()
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        if case .caps = event, let change = configuration.pointer.pointee.capsEvent(from: renegotiator) {
            do throws(ElementError) {
                try configuration.pointer.pointee.configure(&state.pointer.pointee, for: change)
            } catch {
                context.fail(element: name, error)
                return .error
            }
        }
        guard state.pointer.pointee.handleEvent(event) == .forward else { return .ok }
        switch event {
        case .segment(let s):
            stream.pointer.pointee.segment = s
        case .eos:
            guard !stream.pointer.pointee.finished else { return .eos }
            stream.pointer.pointee.finished = true
            do {
                try finishElement()
            } catch {
                context.fail(element: name, error)
                return .error
            }
            context.sinkReachedEndOfStream()
            return .eos
        default:
            break
        }
        return .ok
    }
}

extension SinkRunner: OutputEmitter {
    /// Sinks have no outputs.
    var acceptsOutputs: Bool { false }
    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus { .eos }

    /// An element message on the bus, named after this element.
    func post(_ message: CapsStructure) { context.bus.post(.element(element: name, message)) }
}
