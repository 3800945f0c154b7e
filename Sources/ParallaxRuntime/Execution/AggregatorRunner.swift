import ParallaxCore
import Synchronization

/// A runner with one input runner per sink pad (the aggregator's), whatever its element type.
protocol AggregatingRunner: AnyObject {
    /// The runners upstream segments push into, in pad order.
    var pads: [AggregatorPadRunner] { get }
}

/// A runner that takes property changes while it runs (aggregators).
protocol LiveSettableRunner: AnyObject {
    /// The node it runs.
    var node: Int { get }
    /// Queues settings to apply before the next step.
    func enqueue(_ settings: [PropertySetting])
}

/// Runs an `Aggregator` on a streaming thread of its own, fed by one `AggregatorPadRunner` per sink pad.
///
/// ```
/// start:  stream-start, caps (the negotiated output), segment ─► downstream
/// loop:   leading events of every pad (EOS marks the pad) → aggregate → output / forward / discard /
///         wait for a pad / EOS downstream
/// ```
/// Upstream events other than EOS stay here: the aggregator's output has its own stream, caps and segment.
/// When downstream stops taking buffers (EOS, an error) the pads refuse further data with the same result,
/// so upstream segments stop too.
final class AggregatorRunner<A: Aggregator>: NodeRunner, AggregatingRunner, @unchecked Sendable {  // unchecked: one streaming thread
    private let state: StreamingState<A>
    private let unlockHandle: A
    private let configuration: StreamingState<RunnerConfiguration>
    let queues: AggregatorQueues
    /// Properties set while playing, applied before the next step.
    private let pendingSettings = Mutex<[PropertySetting]>([])
    private let settingsPending = Atomic(false)
    /// The runners upstream segments push into, one per sink pad in pad order.
    let pads: [AggregatorPadRunner]
    var downstream: NodeRunner

    init(
        name: String, element: A, inputs: Int, configuration: RunnerConfiguration, downstream: NodeRunner,
        context: ExecutionContext
    ) {
        state = StreamingState(element)
        unlockHandle = element
        self.configuration = StreamingState(configuration)
        let queues = AggregatorQueues(pads: inputs)
        self.queues = queues
        pads = (0..<inputs).map { AggregatorPadRunner(name: "\(name):sink_\($0)", pad: $0, queues: queues, context: context) }
        self.downstream = downstream
        super.init(name: name, context: context)
        context.wakers.withLock { $0.append { queues.wakeAll() } }
    }

    override func unlock() { unlockHandle.unlock() }

    override func stopElement() {
        state.pointer.pointee.stop()
        queues.drop()
    }

    override func startThreads() throws(PipelineError) {
        context.threads.add()
        do {
            try StreamingThread.spawn(name: name) { [self] in
                let result = loop()
                queues.close(with: result == .ok ? .eos : result)
                context.threads.done()
            }
        } catch {
            context.threads.done()
            throw error
        }
    }

    private func loop() -> FlowReturn {
        let caps = configuration.pointer.pointee.caps ?? .any
        for event in [Event.streamStart(name), .caps(caps), .segment(Segment())] {
            let result = downstream.pushEvent(event)
            if result != .ok { return result }
        }
        var spare: Buffer?
        defer { spare?.release() }
        while !context.isStopping {
            // What has arrived is noted before leading events are taken: an event arriving after that note, with
            // buffers queued behind it, wakes the wait below instead of hiding the buffers from `aggregate`.
            let seen = queues.arrivals()
            for (_, event) in queues.takeLeadingEvents() where event != .eos {
                _ = state.pointer.pointee.handleEvent(event)
            }
            if settingsPending.load(ordering: .acquiring), !applyPendingSettings() { return .error }
            if spare == nil {
                guard let pool = configuration.pointer.pointee.pool, let fresh = pool.acquire() else { return .flushing }
                spare = fresh
            }
            let step: AggregateStep
            var output = spare!
            do throws(ElementError) {
                step = try aggregate(into: &output)
            } catch {
                spare = output
                context.fail(element: name, error)
                return .error
            }
            switch step {
            case .output:
                count(bytes: output.length)
                spare = nil
                let result = downstream.push(output)
                if result != .ok { return finish(result) }
            case .forward(let pad):
                spare = output
                guard let buffer = queues.take(pad) else { return failEmpty(pad) }
                count(bytes: buffer.length)
                let result = downstream.push(buffer)
                if result != .ok { return finish(result) }
            case .discard(let pad):
                spare = output
                guard var buffer = queues.take(pad) else { return failEmpty(pad) }
                buffer.release()
            case .needData(let pad):
                spare = output
                if let pad, queues.isFinished(pad) {
                    context.fail(element: name, ElementError(
                        "Internal data stream error.", debug: "aggregate waited for sink_\(pad), which has ended"))
                    return .error
                }
                if pad == nil, queues.allFinished {
                    context.fail(element: name, ElementError(
                        "Internal data stream error.", debug: "aggregate waited for data after every pad ended"))
                    return .error
                }
                queues.wait(for: pad, since: seen) { context.isStopping || settingsPending.load(ordering: .acquiring) }
            case .endOfStream:
                spare = output
                _ = downstream.pushEvent(.eos)
                return .eos
            }
        }
        return .flushing
    }

    private func aggregate(into output: inout Buffer) throws(ElementError) -> AggregateStep {
        var ctx = ElementCallContext(
            input: nil, outputBase: output.storage.base, outputCapacity: output.length, outputLength: output.length,
            metadata: BufferMetadata(), isInPlace: false, outputStorage: output.storage, emitter: self)
        let step = try state.pointer.pointee.aggregate(queues, &ctx)
        if step == .output {
            output.length = ctx.outputLength
            output.metadata = ctx.metadata
        }
        return step
    }

    /// Downstream stopped taking buffers: EOS after an EOS answer, otherwise the same result upstream.
    /// Sets the properties changed while playing on the running element and lets it recompute.
    private func applyPendingSettings() -> Bool {
        let settings = pendingSettings.withLock { pending in
            settingsPending.store(false, ordering: .releasing)
            defer { pending = [] }
            return pending
        }
        do throws(ElementError) {
            state.pointer.pointee = try state.pointer.pointee.applying(settings)
            try state.pointer.pointee.propertiesDidChange()
        } catch {
            context.fail(element: name, error)
            return false
        }
        return true
    }

    private func finish(_ result: FlowReturn) -> FlowReturn {
        if result == .eos { _ = downstream.pushEvent(.eos) }
        return result
    }

    private func failEmpty(_ pad: Int) -> FlowReturn {
        context.fail(element: name, ElementError(
            "Internal data stream error.", debug: "aggregate took a buffer from sink_\(pad), which has none queued"))
        return .error
    }
}

extension AggregatorRunner: LiveSettableRunner {
    var node: Int { configuration.pointer.pointee.node }

    func enqueue(_ settings: [PropertySetting]) {
        pendingSettings.withLock { pending in
            pending += settings
            settingsPending.store(true, ordering: .releasing)
        }
        queues.wakeAll()
    }
}

extension AggregatorRunner: OutputEmitter {
    /// Extra outputs, like a transform's (`ctx.emit`), pushed downstream at once.
    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus {
        guard let pool = configuration.pointer.pointee.pool, var output = pool.acquire() else { return .eos }
        let written = fill(UnsafeMutableRawBufferPointer(start: output.storage.base, count: output.length))
        output.length = max(0, min(written, output.length))
        output.metadata = metadata
        return downstream.push(output) == .ok ? .ok : .eos
    }

    /// A pooled output the element keeps (`ElementCallContext.makeOutputBuffer`).
    func makeOutput() -> Buffer? { configuration.pointer.pointee.pool?.acquire() }

    /// A buffer the element held, pushed downstream at once (`ElementCallContext.emit(_:)`).
    func emitBuffer(_ buffer: Buffer) -> FlowStatus { downstream.push(buffer) == .ok ? .ok : .eos }

    /// An element message on the bus, named after this element.
    func post(_ message: CapsStructure) { context.bus.post(.element(element: name, message)) }
}
