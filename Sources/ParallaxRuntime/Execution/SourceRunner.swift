import ParallaxCore

/// Runs a `Source` on its own streaming thread: the head of a segment.
///
/// Per buffer: take a slot from the link's pool, let the source fill it, pace it on the clock if the
/// source is live, and push it down the segment with plain calls. No allocation, lock or system call
/// on that path (a live source's clock wait is the one intended exception).
final class SourceRunner<S: Source>: NodeRunner, @unchecked Sendable {  // unchecked: element used only by its thread
    private let state: StreamingState<S>
    /// The next buffer's sequence number, apart from the element: a tuple of the two would need tuple type
    /// metadata (a locked cache lookup) on every buffer in this generic class.
    private let sequence: StreamingState<UInt64>
    /// A copy taken at setup for `unlock()`, so the control thread never touches the streaming thread's value.
    private let unlockHandle: S
    /// Where the element's context reports a buffer of its own or a format change.
    private let reports: SourceReports
    private let configuration: StreamingState<RunnerConfiguration>
    private let renegotiator: Renegotiator
    var downstream: NodeRunner

    init(
        name: String, element: S, configuration: RunnerConfiguration, renegotiator: Renegotiator,
        downstream: NodeRunner, context: ExecutionContext
    ) {
        self.state = StreamingState(element)
        self.sequence = StreamingState(0)
        self.unlockHandle = element
        self.configuration = StreamingState(configuration)
        self.renegotiator = renegotiator
        self.downstream = downstream
        self.reports = SourceReports(element: name, bus: context.bus)
        super.init(name: name, context: context)
    }

    override func startThreads() throws(PipelineError) {
        context.threads.add()
        do {
            try StreamingThread.spawn(name: name) { [self] in
                loop()
                context.threads.done()
            }
        } catch {
            context.threads.done()
            throw error
        }
    }

    override func unlock() { unlockHandle.unlock() }

    override func unlockForEndOfStream() { unlockHandle.unlock() }

    override func stopElement() { state.pointer.pointee.stop() }

    private func loop() {
        guard context.waitUntilPlaying() else { return }
        let caps = configuration.pointer.pointee.caps ?? .any
        for event in [Event.streamStart(name), .caps(caps), .segment(Segment())]
        where downstream.pushEvent(event) != .ok {
            return
        }
        while true {
            if context.isStopping { return }
            if context.isEOSRequested {
                _ = downstream.pushEvent(.eos)
                return
            }
            if !context.isPlaying {
                guard context.waitUntilPlaying() else { return }
                continue
            }
            guard applyPending(keepingOutput: false) else { return }
            guard let pool = configuration.pointer.pointee.pool, var buffer = pool.acquire() else { return }
            let status: FlowStatus
            var requested: Caps?
            do {
                status = try fill(&buffer, requested: &requested)
            } catch {
                buffer.release()
                context.fail(element: name, error)
                return
            }
            switch status {
            case .dropped:
                buffer.release()
                if let requested, !renegotiate(to: requested) { return }
                continue
            case .eos:
                buffer.release()
                _ = downstream.pushEvent(.eos)
                return
            case .ok:
                break
            }
            // A change that leaves this source's format alone applies from this buffer on.
            guard applyPending(keepingOutput: true) else {
                buffer.release()
                return
            }
            if unlockHandle.isLive, !pace(buffer) {
                buffer.release()
                if context.isEOSRequested { continue }
                return
            }
            count(bytes: buffer.length)
            switch downstream.push(consume buffer) {
            case .ok:
                if let requested, !renegotiate(to: requested) { return }
                continue
            case .eos:
                _ = downstream.pushEvent(.eos)
                return
            case .flushing, .error:
                return
            }
        }
    }

    /// Solves the graph for the source's new caps; false (the run failed) when they cannot be reached.
    private func renegotiate(to caps: Caps) -> Bool {
        do {
            try renegotiator.request(.sourceCaps(node: configuration.pointer.pointee.node, caps))
            return true
        } catch {
            context.fail(element: name, error)
            return false
        }
    }

    /// Applies the changes published for this source's tree, in order, each followed by its caps event;
    /// with `keepingOutput`, stops before the first that changes the source's own format. False when the
    /// stream must end.
    private func applyPending(keepingOutput: Bool) -> Bool {
        let total = renegotiator.publishedCount
        let node = configuration.pointer.pointee.node
        guard total != configuration.pointer.pointee.seenTotal else { return true }
        while let next = configuration.pointer.pointee.pending(from: renegotiator) {
            if keepingOutput, next.plan.reconfigured[node] != nil { return true }
            configuration.pointer.pointee.take()
            do throws(ElementError) {
                try configuration.pointer.pointee.configure(&state.pointer.pointee, for: next)
            } catch {
                context.fail(element: name, error)
                return false
            }
            renegotiator.announce(next, node: node)
            if downstream.pushEvent(.caps(configuration.pointer.pointee.caps ?? .any)) != .ok { return false }
        }
        configuration.pointer.pointee.seenTotal = total
        return true
    }

    /// Lets the element fill `buffer`; the context lives only inside this call.
    private func fill(_ buffer: inout Buffer, requested: inout Caps?) throws(ElementError) -> FlowStatus {
        let sequence = self.sequence.pointer.pointee
        var ctx = ElementCallContext(
            input: nil, outputBase: buffer.storage.base, outputCapacity: buffer.length, outputLength: buffer.length,
            metadata: BufferMetadata(sequence: sequence), isInPlace: false,
            outputStorage: buffer.storage, emitter: reports)
        let status = try state.pointer.pointee.produce(&ctx)
        requested = reports.takeRequestedCaps()
        if status == .ok, let replacement = reports.takeReplacement() {
            buffer.release()
            buffer = replacement
            buffer.metadata.sequence = sequence
            self.sequence.pointer.pointee = sequence &+ 1
        } else if status == .ok {
            buffer.length = ctx.outputLength
            buffer.metadata = ctx.metadata
            buffer.metadata.sequence = sequence
            self.sequence.pointer.pointee = sequence &+ 1
        }
        return status
    }

    /// Waits until the buffer's end is due on the clock (live sources). False when woken to stop.
    private func pace(_ buffer: Buffer) -> Bool {
        guard let pts = buffer.pts else { return true }
        let due = context.baseTime + pts + (buffer.duration ?? .zero)
        return context.clock.wait(until: due) == .reached
    }
}
