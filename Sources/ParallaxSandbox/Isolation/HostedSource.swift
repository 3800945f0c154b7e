import ParallaxCore

/// The in-process stand-in for a source that runs in an element host: each `produce` asks the host to
/// fill the pooled output slot.
struct HostedSource: Source {
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "parallax-hosted-source", longName: "Hosted source", klass: "Source",
        description: "Stand-in for a source running in an element host")

    var proxy = HostedProxy.detached
    var live = false

    init() {}

    init(proxy: HostedProxy, live: Bool) {
        self.proxy = proxy
        self.live = live
    }

    var isLive: Bool { live }
    func outputSize(for caps: Caps) -> Int? { proxy.outputSize }
    mutating func start() throws(ElementError) { try proxy.start() }
    mutating func stop() { proxy.stop() }
    func unlock() { proxy.unlock() }

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        try proxy.perform(&ctx, input: nil, writesOutput: true)
    }
}
