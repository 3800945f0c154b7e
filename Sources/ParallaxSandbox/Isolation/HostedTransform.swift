import ParallaxCore

/// The in-process stand-in for a transform that runs in an element host: the input slot goes to the host
/// read-only, the pooled output slot read-write (none for a passthrough element, which only restamps).
///
/// A passthrough element alone in its host overlaps its calls: each call sends the new buffer's work order
/// and then hands on the previous buffer, whose answer the host wrote while upstream made the new one. The
/// streaming thread so never waits for a sleeping host to wake up; the buffer goes on one call late, and
/// `handOnHeld` sends it before any event passes.
/// ```
/// call N:  submit(N) ──► host works on N …          collect(N-1) ──► buffer N-1 restamped, downstream
/// event:   collect(N) ──► buffer N downstream, then the event
/// ```
struct HostedTransform: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "parallax-hosted-transform", longName: "Hosted transform", klass: "Filter",
        description: "Stand-in for a transform running in an element host")

    var proxy = HostedProxy.detached
    var passthrough = false
    /// Whether calls overlap (a passthrough element alone in its host); decided when the host starts.
    private var overlaps = false
    /// The buffer whose work order went out in the last call, and that order, until its answer is collected.
    private var inFlight: (buffer: Buffer, order: PendingOrder)?

    init() {}

    init(proxy: HostedProxy, passthrough: Bool) {
        self.proxy = proxy
        self.passthrough = passthrough
    }

    var isPassthrough: Bool { passthrough }
    func outputSize(for caps: Caps) -> Int? { proxy.outputSize }

    mutating func start() throws(ElementError) {
        try proxy.start()
        overlaps = passthrough && proxy.runsOneElement
    }

    mutating func stop() {
        if var held = inFlight {
            held.buffer.release()
            inFlight = nil
        }
        proxy.stop()
    }

    func unlock() { proxy.unlock() }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        guard overlaps, let input = ctx.inputBuffer, HostConnection.canLend(input) else {
            guard try handOn(&ctx) == .ok else { return .eos }
            return try proxy.perform(&ctx, input: ctx.inputBuffer, writesOutput: !passthrough)
        }
        let submission = try proxy.submit(input: input, metadata: ctx.metadata)
        if case .sent(let order) = submission {
            let previous = inFlight
            inFlight = (input, order)
            guard try handOn(previous, &ctx) == .ok else {
                inFlight?.buffer.release()
                inFlight = nil
                return .eos
            }
            // The runner's reference to the input ends; the one kept above holds its slot.
            return .dropped
        }
        guard try handOn(&ctx) == .ok else { return .eos }
        return submission.isCancelled ? .eos : .dropped
    }

    mutating func handOnHeld(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        _ = try handOn(&ctx)
    }

    mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard !passthrough else { return }
        try proxy.drain(&ctx)
    }

    /// Collects the answer for the buffer in flight and sends it on; `.eos` when the stream should end.
    private mutating func handOn(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        let held = inFlight
        inFlight = nil
        return try handOn(held, &ctx)
    }

    private func handOn(
        _ held: (buffer: Buffer, order: PendingOrder)?, _ ctx: inout ProcessContext<Input, Output>
    ) throws(ElementError) -> FlowStatus {
        guard var (buffer, order) = held else { return .ok }
        let outcome: HostOutcome
        do {
            outcome = try proxy.collect(order, emitter: ctx.emitter)
        } catch {
            buffer.release()
            throw error
        }
        switch outcome {
        case .done(let result) where result.status == .ok:
            buffer.metadata = result.metadata
            guard let emitter = ctx.emitter else {
                buffer.release()
                return .ok
            }
            return emitter.emitBuffer(buffer)
        case .done(let result):
            buffer.release()
            return result.status == .eos ? .eos : .ok
        case .lost:
            buffer.release()
            return .ok
        case .cancelled:
            buffer.release()
            return .eos
        }
    }
}
