import ParallaxCore

/// The sink pad `pad` of an aggregator, as its upstream segment sees it: buffers and events go into the pad's
/// queue (`AggregatorQueues`), to be taken by the aggregator's own streaming thread.
/// Thread: the upstream segment's streaming thread.
final class AggregatorPadRunner: NodeRunner, @unchecked Sendable {  // unchecked: the queues are thread-safe
    private let queues: AggregatorQueues
    private let pad: Int

    init(name: String, pad: Int, queues: AggregatorQueues, context: ExecutionContext) {
        self.queues = queues
        self.pad = pad
        super.init(name: name, context: context)
    }

    override func push(_ buffer: consuming Buffer) -> FlowReturn {
        count(bytes: buffer.length)
        return queues.append(.buffer(buffer), to: pad) { [context] in context.isStopping }
    }

    override func pushEvent(_ event: Event) -> FlowReturn {
        queues.append(.event(event), to: pad) { [context] in context.isStopping }
    }
}
