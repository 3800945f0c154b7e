import ParallaxCore
import ParallaxTesting
import Synchronization
import Testing

/// Counts calls into the test elements below (elements are values; the spy is shared by copies).
final class Spy: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    func record(_ name: String) { counts.withLock { $0[name, default: 0] += 1 } }
    func count(_ name: String) -> Int { counts.withLock { $0[name, default: 0] } }
}

/// Inverts bytes, in place when allowed.
struct Invert: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-invert", longName: "Invert", klass: "Filter", description: "Inverts bytes")
    var inPlace = true
    let spy = Spy()
    var canProcessInPlace: Bool { inPlace }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        spy.record(ctx.isInPlace ? "in-place" : "copy")
        let count = ctx.inputLength
        let input = ctx.withUnsafeInput { Array($0) }
        ctx.withUnsafeOutput { output in
            for i in 0..<count { output[i] = ~input[i] }
        }
        return .ok
    }
}

/// Writes twice as many bytes as it reads, into an output sized by `outputSize(for:)`.
struct Doubler: Transform {
    typealias Input = RawAudio<S16LE>
    typealias Output = RawAudio<S16LE>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-doubler", longName: "Doubler", klass: "Filter", description: "Repeats every byte")
    func outputSize(for caps: Caps) -> Int? { 64 }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        #expect(ctx.outputCapacity == 64)
        #expect(ctx.outputLength == ctx.inputLength)
        let input = ctx.withUnsafeInput { Array($0) }
        ctx.withUnsafeOutput { output in
            for (i, byte) in input.enumerated() {
                output[2 * i] = byte
                output[2 * i + 1] = byte
            }
        }
        ctx.outputLength = 2 * input.count
        ctx.metadata.duration = .milliseconds(1)
        return .ok
    }
}

/// Restamps buffers and swallows segment events.
struct Stamper: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-stamper", longName: "Stamper", klass: "Filter", description: "Sets timestamps")
    var isPassthrough: Bool { true }
    mutating func handleEvent(_ event: Event) -> EventDisposition {
        if case .segment = event { return .drop }
        return .forward
    }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        ctx.metadata.pts = .seconds(UInt64(ctx.metadata.sequence))
        return .ok
    }
}

/// A sink that counts renders, finishes, starts and stops.
struct CountingSink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-counting-sink", longName: "Counting sink", klass: "Sink", description: "Counts")
    let spy = Spy()
    mutating func start() throws(ElementError) { spy.record("start") }
    mutating func stop() { spy.record("stop") }
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus {
        spy.record("render")
        #expect(ctx.inputBuffer != nil)
        return .ok
    }
    mutating func finish() throws(ElementError) { spy.record("finish") }
}

/// A source of raw video frames that only reports how much room it got.
struct FrameSource: Source {
    typealias Output = RawVideo<GRAY8>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-frames", longName: "Frames", klass: "Source", description: "Fills frames")
    var limit = 2
    var sent = 0
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        guard sent < limit else { return .eos }
        sent += 1
        #expect(ctx.outputLength == ctx.outputCapacity)
        return .ok
    }
}

@Suite struct ElementHarnessTests {
    let s16 = AudioInfo(format: .s16le, rate: 8000, channels: 1).caps

    @Test func negotiatesThroughTransformCaps() throws {
        let harness = try ElementHarness(Doubler(), inputCaps: s16)
        #expect(harness.inputCaps == s16)
        #expect(harness.outputCaps == s16)
        try harness.finish()
    }

    @Test func refusesCapsOutsideTheTemplate() throws {
        let video = try Caps(parsing: "video/x-raw")
        #expect(throws: HarnessError.notNegotiated(
            "input caps \(video) do not fit the sink template \(RawAudio<S16LE>.caps)")) {
            try ElementHarness(Doubler(), inputCaps: video)
        }
    }

    @Test func processesInPlaceOnlyWhenTheBufferIsUniquelyHeld() throws {
        let invert = Invert()
        let harness = try ElementHarness(invert)
        try harness.push(Buffer(copying: [0x0F]))
        #expect(invert.spy.count("in-place") == 1)
        #expect(harness.pull()?.byteArray == [0xF0])
        let kept = Buffer(copying: [0x01])
        try harness.push(kept)
        #expect(invert.spy.count("copy") == 1)
        #expect(harness.pull()?.byteArray == [0xFE])
        #expect(kept.byteArray == [0x01])
        try harness.finish()
    }

    @Test func freshOutputsHaveTheElementsSizeAndMetadata() throws {
        let harness = try ElementHarness(Doubler(), inputCaps: s16)
        var input = Buffer(copying: [1, 2, 3])
        input.pts = .seconds(2)
        try harness.push(input)
        let output = try #require(harness.pull())
        #expect(output.byteArray == [1, 1, 2, 2, 3, 3])
        #expect(output.pts == .seconds(2))
        #expect(output.duration == .milliseconds(1))
        #expect(output.storage !== input.storage)
        try harness.finish()
    }

    @Test func passthroughElementsRestampTheSameBuffer() throws {
        let harness = try ElementHarness(Stamper())
        let first = Buffer(copying: [7]), second = Buffer(copying: [8])
        try harness.push(first)
        try harness.push(second)
        let outputs = harness.pullAll()
        #expect(outputs.map(\.pts) == [.seconds(0), .seconds(1)])
        #expect(outputs[1].storage === second.storage)
        #expect(outputs.map(\.metadata.sequence) == [0, 1])
        try harness.finish()
    }

    @Test func forwardedEventsAreKeptDroppedOnesAreNot() throws {
        let harness = try ElementHarness(Stamper())
        #expect(try harness.pushEvent(.streamStart("s")) == .forward)
        #expect(try harness.pushEvent(.segment(Segment())) == .drop)
        #expect(harness.pullEvent() == .streamStart("s"))
        #expect(harness.pullEvent() == nil)
        try harness.finish()
        #expect(harness.pullEvent() == .eos)
    }

    @Test func sinksRenderAndFinishOnceAtEOS() throws {
        let sink = CountingSink()
        let harness = try ElementHarness(sink)
        #expect(sink.spy.count("start") == 1)
        try harness.push(Buffer(capacity: 3))
        try harness.push(Buffer(capacity: 3))
        try harness.pushEvent(.eos)
        try harness.finish()
        #expect(sink.spy.count("render") == 2)
        #expect(sink.spy.count("finish") == 1)
        #expect(sink.spy.count("stop") == 1)
        #expect(harness.pullEvent() == nil)  // a sink forwards nothing
    }

    @Test func stopSkipsEOS() throws {
        let sink = CountingSink()
        let harness = try ElementHarness(sink)
        harness.stop()
        try harness.finish()
        #expect(sink.spy.count("finish") == 0)
        #expect(sink.spy.count("stop") == 1)
    }

    @Test func aHarnessLeftAloneStillStopsItsElement() throws {
        let sink = CountingSink()
        do { _ = try ElementHarness(sink) }
        #expect(sink.spy.count("stop") == 1)
    }

    @Test func finishReportsLeftoverBuffers() throws {
        let harness = try ElementHarness(Invert())
        try harness.push(Buffer(capacity: 1))
        try harness.push(Buffer(capacity: 1))
        #expect(throws: HarnessError.leftoverBuffers(count: 2)) { try harness.finish() }
        #expect(HarnessError.leftoverBuffers(count: 2).description
            == "2 output buffers were never pulled; pull() every output (or check them) before finish()")
        #expect(HarnessError.leftoverBuffers(count: 1).description
            == "1 output buffer was never pulled; pull() every output (or check it) before finish()")
    }

    @Test func sourcesGetAVideoFrameSizedOutput() throws {
        let size = try Caps(parsing: "video/x-raw, width=(int)6, height=(int)2")
        let harness = try ElementHarness(FrameSource(), outputCaps: size)
        let expected = try Caps(parsing: "video/x-raw, format=(string)GRAY8, width=(int)6, height=(int)2")
        #expect(harness.outputCaps == expected)
        let frames = try harness.produceAll()
        #expect(frames.map(\.length) == [16, 16])  // rows padded to 8 bytes: 2 × 8
        #expect(frames.map(\.metadata.sequence) == [0, 1])
        try harness.finish()
    }
}
