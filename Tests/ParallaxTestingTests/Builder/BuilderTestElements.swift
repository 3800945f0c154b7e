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
