import ParallaxCore

/// Runs one aggregator (an element with several inputs: `compositor`, `audiomixer`, `matroskamux`) outside a
/// pipeline, the way the executor would: queued buffers per sink pad, then `aggregate` asked again and again.
///
/// ```swift
/// let harness = try AggregatorHarness(mux, inputs: [("video_0", videoCaps), ("audio_0", audioCaps)])
/// harness.queue(frame, on: 0)
/// harness.end(1)                       // pad 1 brings nothing more
/// try harness.run()                    // aggregate until it waits for data or ends
/// let written = harness.pullAll()      // outputs, emitted outputs and forwarded buffers, in order
/// ```
/// Each input must fit the sink template its pad name matches. `outputCaps` is fixed like the executor does (`fixateOutput(_:inputs:pads:)` over what every input allows), then
/// `setCaps` (with the first input), `setInputCaps` and `start()` are called. Outputs are heap buffers of
/// `outputSize(for:)` bytes (64 KiB if nil). Thread: one harness belongs to one thread at a time.
public final class AggregatorHarness<A: Aggregator> {
    /// The element, with whatever state it has reached.
    public private(set) var element: A
    /// The fixed output caps.
    public let outputCaps: Caps
    /// Element messages posted so far, oldest first.
    public private(set) var postedMessages: [CapsStructure] = []
    /// Whether the element has ended its output (`.endOfStream`).
    public private(set) var ended = false

    private let queues: Queues
    private var outputs: [Buffer] = []

    /// Negotiates the output from `inputs` (pad name and fixed caps, in pad order) and starts the element.
    /// Throws `HarnessError.notNegotiated` when the inputs cannot meet, or the element's errors.
    public init(_ element: A, inputs: [(pad: String, caps: Caps)]) throws {
        self.element = element
        for input in inputs {
            guard let template = A.padTemplates.first(where: { $0.direction == .sink && $0.matches(input.pad) }) else {
                throw HarnessError.notNegotiated("\(A.factoryName) has no sink pad \(input.pad)")
            }
            if template.caps.intersection(input.caps).isEmpty {
                throw HarnessError.notNegotiated("\(input.caps) does not fit \(A.factoryName)'s \(template.name) template \(template.caps)")
            }
        }
        let src = A.template(.src)?.caps ?? .any
        var candidate = src
        for input in inputs { candidate = element.transformCaps(input.caps, from: .sink).intersection(candidate) }
        if candidate.isEmpty {
            throw HarnessError.notNegotiated("\(A.factoryName)'s inputs \(inputs.map(\.caps)) meet in no output")
        }
        var output = element.fixateOutput(candidate, inputs: inputs.map(\.caps), pads: inputs.map(\.pad))
        if !output.isAny, !output.isFixed { output = output.fixated() }
        outputCaps = output
        queues = Queues(count: inputs.count)
        try self.element.setCaps(input: inputs.first?.caps, output: output)
        try self.element.setInputCaps(inputs.map(\.caps), pads: inputs.map(\.pad))
        try self.element.start()
    }

    deinit { element.stop() }

    /// Queues `buffer` on pad `pad`.
    public func queue(_ buffer: Buffer, on pad: Int) { queues.pads[pad].append(buffer) }

    /// Marks pad `pad` as ended: it brings nothing after what is queued.
    public func end(_ pad: Int) { queues.ended[pad] = true }

    /// Asks the element for steps until it waits for data it does not have, or ends. Returns the last step.
    @discardableResult
    public func run() throws(ElementError) -> AggregateStep {
        let capacity = element.outputSize(for: outputCaps) ?? 65536
        while true {
            var output = Buffer(capacity: capacity)
            let base = output.storage.base
            let emitter = HarnessEmitter(capacity: capacity) { [unowned self] in postedMessages.append($0) }
            let queues = self.queues
            var ctx = ElementCallContext(
                input: nil, outputBase: base, outputCapacity: capacity, outputLength: capacity,
                metadata: BufferMetadata(), isInPlace: false, emitter: emitter)
            let step = try element.aggregate(queues, &ctx)
            outputs += emitter.outputs
            switch step {
            case .output:
                output.length = ctx.outputLength
                output.metadata = ctx.metadata
                outputs.append(output)
            case .forward(let pad):
                guard let buffer = queues.take(pad) else { throw ElementError("forwarded an empty pad \(pad)") }
                outputs.append(buffer)
            case .discard(let pad):
                guard queues.take(pad) != nil else { throw ElementError("discarded from an empty pad \(pad)") }
            case .needData(let pad):
                if let pad, queues.isFinished(pad) { throw ElementError("waited for pad \(pad), which has ended") }
                return step
            case .endOfStream:
                ended = true
                return step
            }
        }
    }

    /// Takes every output not pulled yet, oldest first.
    public func pullAll() -> [Buffer] {
        defer { outputs.removeAll() }
        return outputs
    }

    /// The queued buffers of each pad, as the element sees them.
    final class Queues: AggregatorInputs {
        var pads: [[Buffer]]
        var ended: [Bool]

        init(count: Int) {
            pads = Array(repeating: [], count: count)
            ended = Array(repeating: false, count: count)
        }

        var count: Int { pads.count }
        func peek(_ pad: Int) -> Buffer? { pads[pad].first }
        func take(_ pad: Int) -> Buffer? { pads[pad].isEmpty ? nil : pads[pad].removeFirst() }
        func isFinished(_ pad: Int) -> Bool { ended[pad] && pads[pad].isEmpty }
    }
}
