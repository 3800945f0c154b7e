import ParallaxCore

/// The in-process stand-in for a transform that runs in an element host: the input slot goes to the host
/// read-only, the pooled output slot read-write (none for a passthrough element, which only restamps).
///
/// A transform alone in its host that writes outputs and sends none of its own overlaps its calls: each call
/// sends the new buffer's work order and then hands on the previous buffer's result, which the host worked out
/// while upstream made the new buffer. The element's work so runs beside its upstream's, and the streaming
/// thread does not wait for a sleeping host to wake up. Results go on one call late; `handOnHeld` sends the
/// last one before any event passes. Passthrough elements are called one buffer at a time: their host has
/// almost nothing to do, and holding a second buffer keeps one more of upstream's slots in use, which costs
/// a source painting large frames more in cache misses than the host's wake-up (measured: 1080p RGBA).
/// ```
/// call N:  submit(N) ──► host works on N …     collect(N-1) ──► result N-1 downstream
/// event:   collect(N) ──► result N downstream, then the event
/// ```
/// When the host is restarted (a crash on buffer N-1), buffer N, already sent to the old host, is sent again
/// to the new one: only the buffer the host died on is lost.
struct HostedTransform: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "parallax-hosted-transform", longName: "Hosted transform", klass: "Filter",
        description: "Stand-in for a transform running in an element host")

    var proxy = HostedProxy.detached
    var passthrough = false
    /// Whether the element sends outputs of its own (`SendsOwnOutputs`): its host then asks for output slots
    /// on the request ring during a call, where a second work order must not come between.
    var emits = false
    /// Whether calls overlap (the element is alone in its host, writes outputs and sends none of its own);
    /// decided when the host starts.
    private var overlaps = false
    /// The call whose work order went out last and whose answer is not collected yet: its input, the pooled
    /// output it writes (none for a passthrough element) and the order.
    private var inFlight: Call?
    typealias Call = (input: Buffer, output: Buffer?, order: PendingOrder)

    init() {}

    init(proxy: HostedProxy, passthrough: Bool, emits: Bool) {
        self.proxy = proxy
        self.passthrough = passthrough
        self.emits = emits
    }

    var isPassthrough: Bool { passthrough }
    func outputSize(for caps: Caps) -> Int? { proxy.outputSize }

    mutating func start() throws(ElementError) {
        try proxy.start()
        overlaps = proxy.runsOneElement && !emits && !passthrough
    }

    mutating func stop() {
        Self.release(&inFlight)
        proxy.stop()
    }

    func unlock() { proxy.unlock() }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard overlaps, let input = ctx.inputBuffer, HostConnection.canLend(input) else {
            guard try handOn(&ctx) == .ok else { return .eos }
            return try proxy.perform(&ctx, input: ctx.inputBuffer, writesOutput: !passthrough)
        }
        var output = passthrough ? nil : try ctx.makeOutputBuffer()
        let submission: Submission
        do {
            submission = try proxy.submit(input: input, output: output, metadata: ctx.metadata)
        } catch {
            output?.release()
            throw error
        }
        guard case .sent(let order) = submission else {
            output?.release()
            guard try handOn(&ctx) == .ok else { return .eos }
            return submission.isCancelled ? .eos : .dropped
        }
        var previous = inFlight.take()
        inFlight = (input, output, order)
        guard try handOn(&previous, &ctx) == .ok, try sendAgainIfStale() else {
            Self.release(&inFlight)
            return .eos
        }
        // The runner's references to the input (and to the output it lent for this call) end; the ones kept
        // above hold their slots.
        return .dropped
    }

    mutating func handOnHeld(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        _ = try handOn(&ctx)
    }

    mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard !passthrough else { return }
        try proxy.drain(&ctx)
    }

    /// Sends the call in flight again when its host was replaced while the previous call was collected;
    /// false when the pipeline is stopping.
    private mutating func sendAgainIfStale() throws(ElementError) -> Bool {
        guard let held = inFlight, proxy.isStale(held.order) else { return true }
        switch try proxy.submit(input: held.input, output: held.output, metadata: held.input.metadata) {
        case .sent(let order):
            inFlight?.order = order
            return true
        case .finished(let outcome):
            Self.release(&inFlight)
            if case .cancelled = outcome { return false }
            return true
        }
    }

    /// Collects the answer for the call in flight and sends its result on; `.eos` when the stream should end.
    private mutating func handOn(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        var held = inFlight.take()
        return try handOn(&held, &ctx)
    }

    /// Collects the answer for `held` (taken from it, so that the buffers are held once and go back to their
    /// pools when released) and sends its result on.
    private func handOn(_ held: inout Call?, _ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard var call = held.take() else { return .ok }
        let outcome: HostOutcome
        do {
            outcome = try proxy.collect(call.order, emitter: ctx.emitter)
        } catch {
            Self.release(&call)
            throw error
        }
        guard case .done(let result) = outcome, result.status == .ok, let emitter = ctx.emitter else {
            Self.release(&call)
            switch outcome {
            case .done(let result): return result.status == .eos ? .eos : .ok
            case .lost: return .ok
            case .cancelled: return .eos
            }
        }
        guard var output = call.output.take() else {
            call.input.metadata = result.metadata
            return emitter.emitBuffer(call.input)
        }
        call.input.release()
        output.length = Int(result.outputLength)
        output.metadata = result.metadata
        return emitter.emitBuffer(output)
    }

    private static func release(_ held: inout Call?) {
        guard var call = held.take() else { return }
        Self.release(&call)
    }

    private static func release(_ call: inout Call) {
        call.input.release()
        call.output?.release()
    }
}
