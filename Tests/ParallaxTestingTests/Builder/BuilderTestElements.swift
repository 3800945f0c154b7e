import ParallaxCore
import ParallaxTesting

/// A source of I420 raw video only, for typed-builder tests.
struct BuilderI420Source: Source {
    typealias Output = RawVideo<I420>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-i420src", longName: "I420 source", klass: "Source/Video", description: "Makes nothing",
        properties: [.int("num-buffers", \.numBuffers, range: -1...100, "Buffers before EOS")])
    var numBuffers = -1
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

/// An RGBA-only filter, for typed-builder tests.
struct BuilderRGBAFilter: Transform {
    typealias Input = RawVideo<RGBA>
    typealias Output = RawVideo<RGBA>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-rgbafilter", longName: "RGBA filter", klass: "Filter/Video", description: "Does nothing")
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// An I420-only filter, for typed-builder tests.
struct BuilderI420Filter: Transform {
    typealias Input = RawVideo<I420>
    typealias Output = RawVideo<I420>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-i420filter", longName: "I420 filter", klass: "Filter/Video", description: "Does nothing",
        properties: [.double("strength", \.strength, range: 0...10, "How much")])
    var strength = 1.0
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// An I420-only sink, for typed-builder tests.
struct BuilderI420Sink: Sink {
    typealias Input = RawVideo<I420>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-i420sink", longName: "I420 sink", klass: "Sink/Video", description: "Drops buffers")
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

/// A typed segment of pipeline, for checking the media type a block gives.
func builderSegment<Out>(
    @PipelineBuilder _ body: () -> Takes<PipelineStart>.Gives<Out>
) -> Takes<PipelineStart>.Gives<Out> {
    body()
}

/// A filter of raw video in any format that keeps the format, for typed-builder tests.
struct BuilderDim: RawVideoFilter {
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-dim", longName: "Dim", klass: "Filter/Video", description: "Does nothing",
        properties: [.int("amount", \.amount, range: 0...255, "How much")])
    var amount = 0
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// A filter generic over planar YUV formats only, for typed-builder tests.
struct BuilderPlanarFilter<Format: PlanarYUV>: Transform {
    typealias Input = RawVideo<Format>
    typealias Output = RawVideo<Format>
    static var descriptor: ElementDescriptor<Self> {
        ElementDescriptor<Self>(
            factory: "test-planar", longName: "Planar filter", klass: "Filter/Video", description: "Does nothing")
    }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// A sink of raw video in any format, for typed-builder tests.
struct BuilderAnyRawSink: Sink {
    typealias Input = RawVideo<AnyPixelFormat>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-rawsink", longName: "Raw video sink", klass: "Sink/Video", description: "Drops buffers")
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

/// A GRAY8 sink that accepts frames at most 64 pixels wide, for the negotiation failure of a typed pipeline.
struct BuilderNarrowSink: Sink {
    typealias Input = RawVideo<GRAY8>
    static let descriptor = ElementDescriptor<Self>(
        factory: "test-narrowsink", longName: "Narrow sink", klass: "Sink/Video", description: "Drops buffers")
    static var padTemplates: [PadTemplate] {
        [
            PadTemplate(
                name: "sink", direction: .sink,
                caps: Caps("video/x-raw", [("format", .string("GRAY8")), ("width", .intRange(1...64, step: 1))]))
        ]
    }
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}
