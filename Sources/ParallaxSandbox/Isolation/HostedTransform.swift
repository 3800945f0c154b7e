import ParallaxCore

/// The in-process stand-in for a transform that runs in an element host: the input slot goes to the host
/// read-only, the pooled output slot read-write (none for a passthrough element, which only restamps).
struct HostedTransform: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "parallax-hosted-transform", longName: "Hosted transform", klass: "Filter",
        description: "Stand-in for a transform running in an element host")

    var proxy = HostedProxy.detached
    var passthrough = false

    init() {}

    init(proxy: HostedProxy, passthrough: Bool) {
        self.proxy = proxy
        self.passthrough = passthrough
    }

    var isPassthrough: Bool { passthrough }
    func outputSize(for caps: Caps) -> Int? { proxy.outputSize }
    mutating func start() throws(ElementError) { try proxy.start() }
    mutating func stop() { proxy.stop() }
    func unlock() { proxy.unlock() }

    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        try proxy.perform(&ctx, input: ctx.inputBuffer, writesOutput: !passthrough)
    }

    mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        guard !passthrough else { return }
        try proxy.drain(&ctx)
    }
}
