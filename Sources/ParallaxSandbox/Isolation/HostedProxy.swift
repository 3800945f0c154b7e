import ParallaxCore

/// What every stand-in for a hosted element carries: the connection to its host, its number there, and the
/// output size the real element asked for (the pipeline sizes the output pool from it).
struct HostedProxy: Sendable {
    let connection: HostConnection?
    let index: UInt16
    let outputSize: Int?

    static let detached = HostedProxy(connection: nil, index: 0, outputSize: nil)

    func start() throws(ElementError) {
        guard let connection else { throw ElementError("a hosted element proxy was used without a host") }
        try connection.start()
    }

    func stop() { connection?.stop() }

    func unlock() { connection?.cancel() }

    /// Runs one call in the host and writes its result into `ctx`. A lost buffer (the host was restarted)
    /// is dropped; a cancelled wait ends the stream.
    func perform(_ ctx: inout ElementCallContext, input: Buffer?, writesOutput: Bool) throws(ElementError) -> FlowStatus {
        guard let connection else { throw ElementError("a hosted element proxy was used without a host") }
        let output = writesOutput ? ctx.outputStorage : nil
        switch try connection.perform(
            element: index, input: input, output: output, capacity: ctx.outputCapacity, metadata: ctx.metadata,
            emitter: ctx.emitter)
        {
        case .done(let result):
            if writesOutput { ctx.outputLength = Int(result.outputLength) }
            ctx.metadata = result.metadata
            return result.status
        case .lost: return .dropped
        case .cancelled: return .eos
        }
    }

    /// Runs the hosted transform's end-of-stream drain; what it sends goes through `ctx`'s emitter.
    func drain(_ ctx: inout ElementCallContext) throws(ElementError) {
        guard let connection else { throw ElementError("a hosted element proxy was used without a host") }
        _ = try connection.perform(
            element: index, input: nil, output: nil, capacity: 0, metadata: ctx.metadata, drain: true,
            emitter: ctx.emitter)
    }

    /// Whether the host runs this element only, so its calls may overlap (`HostConnection.runsOneElement`).
    var runsOneElement: Bool { connection?.runsOneElement ?? false }

    /// Sends a call for `input` (writing `output`, none for a passthrough element) without waiting for its
    /// answer (`HostConnection.submit`).
    func submit(input: Buffer, output: Buffer?, metadata: BufferMetadata) throws(ElementError) -> Submission {
        guard let connection else { throw ElementError("a hosted element proxy was used without a host") }
        return try connection.submit(element: index, input: input, output: output, metadata: metadata)
    }

    /// Whether `order` went to a host that was replaced before answering it (`HostConnection.isStale`).
    func isStale(_ order: PendingOrder) -> Bool { connection?.isStale(order) ?? false }

    /// Waits for the answer to a call `submit` sent; what the element posts meanwhile goes to `emitter`.
    func collect(_ order: PendingOrder, emitter: (any OutputEmitter)?) throws(ElementError) -> HostOutcome {
        guard let connection else { throw ElementError("a hosted element proxy was used without a host") }
        return try connection.collect(order, emitter: emitter)
    }
}
