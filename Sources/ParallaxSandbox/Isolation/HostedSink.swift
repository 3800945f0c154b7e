import ParallaxCore

/// The in-process stand-in for a sink that runs in an element host: each buffer's slot goes to the host
/// read-only; end-of-stream lets the host's sink finish.
struct HostedSink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "parallax-hosted-sink", longName: "Hosted sink", klass: "Sink",
        description: "Stand-in for a sink running in an element host")

    var proxy = HostedProxy.detached
    var syncs = false

    init() {}

    init(proxy: HostedProxy, sync: Bool) {
        self.proxy = proxy
        self.syncs = sync
    }

    var sync: Bool { syncs }
    mutating func start() throws(ElementError) { try proxy.start() }
    mutating func stop() { proxy.stop() }
    func unlock() { proxy.unlock() }

    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        try proxy.perform(&ctx, input: ctx.inputBuffer, writesOutput: false)
    }

    mutating func finish() throws(ElementError) {
        try proxy.connection?.endOfStream(proxy.index)
    }
}
