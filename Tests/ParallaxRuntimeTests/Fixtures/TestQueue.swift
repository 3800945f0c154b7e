import ParallaxCore

/// Test queue with GStreamer's property names.
struct TestQueue: Transform, QueueBoundary {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "testqueue", longName: "Queue", klass: "Generic", description: "Queue",
        properties: [
            .int("max-size-buffers", \.maxSizeBuffers, range: 0...Int64(Int32.max), "Max buffers"),
            .int("max-size-bytes", \.maxSizeBytes, range: 0...Int64(Int32.max), "Max bytes"),
            .uint("max-size-time", \.maxSizeTime, range: 0...UInt64.max, "Max time"),
            .int("leaky", \.leakValue, range: 0...2, "Leaky"),
        ])
    var maxSizeBuffers = 200
    var maxSizeBytes = 10_485_760
    var maxSizeTime: UInt64 = 1_000_000_000
    var leakValue = 0
    var leakPolicy: QueueLeak { QueueLeak(rawValue: leakValue) ?? .no }
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// Test tee: passthrough with request src pads.
struct TestTee: Transform {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "testtee", longName: "Tee", klass: "Generic", description: "Tee")
    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(name: "src_%u", direction: .src, presence: .request, caps: .any),
        ]
    }
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// Test transform that fails on its n-th buffer.
struct FailAfter: Transform {
    typealias Input = ByteStream
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "failafter", longName: "Fail after", klass: "Filter", description: "Fails",
        properties: [.int("count", \.limit, range: 0...1000, "Buffers before failing")])
    var limit = 3
    private var seen = 0
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        seen += 1
        if seen > limit { throw ElementError("failed after \(limit) buffers", debug: "as requested") }
        return .ok
    }
}

enum TestElements {
    static var registry: ElementRegistry {
        var registry = ElementRegistry()
        registry.register(CountingSource.self)
        registry.register(AddOne.self)
        registry.register(RecorderSink.self)
        registry.register(TestQueue.self)
        registry.register(TestTee.self)
        registry.register(FailAfter.self)
        registry.register(Trailer.self)
        registry.register(HeaderParser.self)
        return registry
    }
}
