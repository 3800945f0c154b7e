import ParallaxCore

/// Runs one element outside a pipeline, the way the executor would — GStreamer's `GstHarness`.
///
/// ```swift
/// let harness = try ElementHarness(Identity(), inputCaps: Caps("application/x-test"))
/// #expect(try harness.push(Buffer(copying: [1, 2, 3])) == .ok)
/// #expect(harness.pull()?.byteArray == [1, 2, 3])
/// try harness.finish()        // EOS, stop(), and no leftover outputs
/// ```
/// Setting up negotiates like the executor's link-by-link negotiator: the sink side takes `inputCaps`
/// narrowed to the sink template (fixed if need be); the src side is
/// `element.fixate(transformCaps(input) ∩ (outputCaps ?? src template), on: .src, otherSide: input)` for transforms and
/// `element.fixate(src template ∩ outputCaps, on: .src)` for sources (`fixate` is skipped when the caps are
/// already fixed), then fixed if still open. ANY (an element that takes or makes anything, with no caps
/// given) stays ANY unless the element's `fixate` narrows it. Then `setCaps` and `start()` are called.
///
/// Buffers are handled exactly as in a pipeline, with heap memory instead of arena slots:
/// - `produce()` (sources) pre-allocates `outputSize(for:)` bytes (a video frame for raw video, else 4096)
///   with a fresh metadata whose `sequence` counts outputs.
/// - `push(_:)` (transforms) hands passthrough elements the input itself (the same bytes go on with the
///   metadata they set), in-place elements the input's memory when the pushed buffer is uniquely held, and
///   others a fresh output of `outputSize(for:)` (or the input's length) bytes.
/// - `push(_:)` (sinks) calls `render`; `pushEvent(.eos)` calls `Sink.finish()` when the sink forwards EOS.
/// - `pushEvent` (transforms) first calls `Transform.handOnHeld`, and for `.eos` then `Transform.drain`,
///   collecting what they send (outputs of `outputSize(for:)` bytes, or 64 KiB).
/// Outputs collect until `pull()`ed; events an element forwards collect until `pullEvent()`ed.
/// `finish()` sends EOS (unless already sent or stopped), calls `stop()`, and throws
/// `HarnessError.leftoverBuffers` if outputs were never pulled, so tests end with `try harness.finish()`.
/// Sinks are rendered immediately, whatever their `sync` (there is no clock).
///
/// Thread: one harness belongs to one thread at a time; it calls the element on the caller's thread.
public final class ElementHarness<E: Element> {
    /// The element, with whatever state it has reached.
    public private(set) var element: E
    /// The fixed caps on the element's sink side (nil for sources).
    public let inputCaps: Caps?
    /// The fixed caps on the element's src side (nil for sinks).
    public let outputCaps: Caps?

    /// Element messages the element posted (`ctx.post`), oldest first — what the bus would show.
    public private(set) var postedMessages: [CapsStructure] = []

    private var outputs: [Buffer] = []
    private var headOutput = 0
    private var forwardedEvents: [Event] = []
    private var inputSequence: UInt64 = 0
    private var outputSequence: UInt64 = 0
    private var endOfStreamSent = false
    private var sinkFinished = false
    private var stopped = false

    /// Negotiates, calls `setCaps` and `start()`. Throws `HarnessError.notNegotiated` when the caps do not
    /// fit, or the element's `ElementError` from `setCaps`/`start()`.
    public init(_ element: E, inputCaps: Caps? = nil, outputCaps: Caps? = nil) throws {
        self.element = element
        let sinkTemplate = E.template(.sink)?.caps
        let srcTemplate = E.template(.src)?.caps
        var input: Caps?
        if let sinkTemplate {
            var caps = inputCaps.map { $0.intersection(sinkTemplate) } ?? sinkTemplate
            if caps.isEmpty {
                throw HarnessError.notNegotiated(
                    "input caps \(inputCaps.map(\.description) ?? "ANY") do not fit the sink template \(sinkTemplate)")
            }
            if !caps.isAny, !caps.isFixed { caps = caps.fixated() }
            input = caps
        } else if let inputCaps {
            throw HarnessError.notNegotiated("\(E.factoryName) has no sink pad for input caps \(inputCaps)")
        }
        var output: Caps?
        if let srcTemplate {
            let wanted = outputCaps ?? (input == nil ? Caps.any : srcTemplate)
            let offered = input.map { element.transformCaps($0, from: .sink) } ?? srcTemplate
            let candidate = offered.intersection(wanted)
            if candidate.isEmpty {
                throw HarnessError.notNegotiated(
                    "\(E.factoryName) can produce \(offered), which does not fit \(wanted)")
            }
            var caps = candidate.isFixed ? candidate : element.fixate(candidate, on: .src, otherSide: input ?? .empty)
            if !caps.isAny, !caps.isFixed { caps = caps.fixated() }
            if caps.isEmpty {
                throw HarnessError.notNegotiated("\(E.factoryName) could not fix a format from \(candidate)")
            }
            output = caps
        } else if let outputCaps {
            throw HarnessError.notNegotiated("\(E.factoryName) has no src pad for output caps \(outputCaps)")
        }
        self.inputCaps = input
        self.outputCaps = output
        try self.element.setCaps(input: input, output: output)
        try self.element.start()
    }

    deinit {
        if !stopped { element.stop() }
    }

    /// Takes the oldest output buffer, if any.
    public func pull() -> Buffer? {
        guard headOutput < outputs.count else { return nil }
        let buffer = outputs[headOutput]
        headOutput += 1
        if headOutput == outputs.count {
            outputs.removeAll()
            headOutput = 0
        }
        return buffer
    }

    /// Takes every output buffer not pulled yet, oldest first.
    public func pullAll() -> [Buffer] {
        var all: [Buffer] = []
        while let buffer = pull() { all.append(buffer) }
        return all
    }

    /// Output buffers waiting to be pulled.
    public var pendingOutputs: Int { outputs.count - headOutput }

    /// Sends an event to the element (`handleEvent`). Forwarded events are kept for `pullEvent()`. EOS that a
    /// sink forwards also calls `Sink.finish()` (once), as the executor does.
    @discardableResult
    public func pushEvent(_ event: Event) throws(ElementError) -> EventDisposition {
        if !stopped {
            let capacity = outputCaps.flatMap { element.outputSize(for: $0) } ?? 65536
            for emitted in try callIfTransform(.handOnHeld, &element, emitter: emitter(capacity: capacity)) { collect(emitted) }
            if event == .eos, !endOfStreamSent {
                for emitted in try callIfTransform(.drain, &element, emitter: emitter(capacity: capacity)) { collect(emitted) }
            }
        }
        let disposition = element.handleEvent(event)
        if event == .eos { endOfStreamSent = true }
        guard disposition == .forward else { return disposition }
        if E.template(.src) != nil { forwardedEvents.append(event) }
        if event == .eos, !sinkFinished {
            sinkFinished = true
            try finishSink()
        }
        return disposition
    }

    /// Takes the oldest event the element forwarded, if any.
    public func pullEvent() -> Event? {
        forwardedEvents.isEmpty ? nil : forwardedEvents.removeFirst()
    }

    /// Stops the element (`stop()`) without end-of-stream, like a pipeline torn down mid-stream.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        element.stop()
    }

    /// Ends the test: sends EOS (unless sent already, or stopped), stops the element, and throws
    /// `HarnessError.leftoverBuffers` when outputs were never pulled. The element is stopped even if EOS
    /// handling throws.
    public func finish() throws {
        if !stopped, !endOfStreamSent {
            do {
                try pushEvent(.eos)
            } catch {
                stop()
                throw error
            }
        }
        stop()
        if pendingOutputs > 0 { throw HarnessError.leftoverBuffers(count: pendingOutputs) }
    }

    // MARK: - Internals shared by the role-specific extensions

    func collect(_ buffer: Buffer) {
        var buffer = buffer
        buffer.metadata.sequence = outputSequence
        outputSequence += 1
        outputs.append(buffer)
    }

    func nextInputSequence() -> UInt64 {
        defer { inputSequence += 1 }
        return inputSequence
    }

    func nextOutputSequence() -> UInt64 { outputSequence }

    /// An emitter for one call: outputs of `capacity` bytes (none when `acceptsOutputs` is false), messages
    /// kept in `postedMessages`.
    func emitter(capacity: Int, acceptsOutputs: Bool = true) -> HarnessEmitter {
        HarnessEmitter(capacity: capacity, acceptsOutputs: acceptsOutputs) { [unowned self] in
            postedMessages.append($0)
        }
    }

    /// Runs `body` on the element (the role extensions call the typed `process`/`render`/`produce`).
    func withElement<R>(_ body: (inout E) throws(ElementError) -> R) throws(ElementError) -> R {
        try body(&element)
    }

    private func finishSink() throws(ElementError) {
        try finishIfSink(&element)
    }
}

/// The transform calls the harness makes around events, as the executor does.
private enum TransformHook {
    /// `Transform.handOnHeld`, before every event.
    case handOnHeld
    /// `Transform.drain`, at end of stream, for transforms that make outputs.
    case drain
}

/// Calls `hook` when `element` is a transform (that makes outputs, for `drain`); returns what it sent on.
private func callIfTransform<E: Element>(
    _ hook: TransformHook, _ element: inout E, emitter: HarnessEmitter
) throws(ElementError) -> [Buffer] {
    guard var transform = element as? any Transform, hook != .drain || !transform.isPassthrough else { return [] }
    try callOpened(hook, &transform, emitter: emitter)
    if let updated = transform as? E { element = updated }
    return emitter.outputs
}

private func callOpened<T: Transform>(_ hook: TransformHook, _ transform: inout T, emitter: HarnessEmitter)
    throws(ElementError)
{
    var ctx = ElementCallContext(
        input: nil, outputBase: nil, outputCapacity: 0, outputLength: 0, metadata: BufferMetadata(),
        isInPlace: false, emitter: emitter)
    switch hook {
    case .handOnHeld: try transform.handOnHeld(&ctx)
    case .drain: try transform.drain(&ctx)
    }
}

/// Calls `Sink.finish()` when `element` is a sink.
private func finishIfSink<E: Element>(_ element: inout E) throws(ElementError) {
    guard var sink = element as? any Sink else { return }
    try finishOpened(&sink)
    if let updated = sink as? E { element = updated }
}

private func finishOpened<S: Sink>(_ sink: inout S) throws(ElementError) {
    try sink.finish()
}
