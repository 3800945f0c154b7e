import ParallaxCore

/// Runs a `Sink` at the end of a segment; waits for running time when the sink syncs, then renders.
final class SinkRunner<K: Sink>: NodeRunner, @unchecked Sendable {  // unchecked: one streaming thread
    private var element: K
    /// A copy taken at setup for `unlock()`, so the control thread never touches the streaming thread's value.
    private let unlockHandle: K
    private var segment = Segment()
    private var finished = false

    init(name: String, element: K, context: ExecutionContext) {
        self.element = element
        self.unlockHandle = element
        super.init(name: name, context: context)
    }

    override func unlock() { unlockHandle.unlock() }

    override func stopElement() { element.stop() }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        if element.sync, let pts = buffer.pts, let runningTime = segment.runningTime(of: pts) {
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
        var ctx = ProcessContext<K.Input, NoMedia>(
            input: buffer, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: buffer.metadata,
            isInPlace: false)
        return try element.render(&ctx)
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        guard element.handleEvent(event) == .forward else { return .ok }
        switch event {
        case .segment(let s):
            segment = s
        case .eos:
            guard !finished else { return .eos }
            finished = true
            do {
                try element.finish()
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
