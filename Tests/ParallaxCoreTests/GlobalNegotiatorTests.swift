import ParallaxCore
import Testing

// Fixtures: a source of CPU or GPU memory, sinks with fixed wants, and converters with chosen costs.

private func video(_ format: String, memory: MemoryType = .cpu) -> Caps {
    let features = memory == .cpu ? [] : [memory.capsFeature]
    return Caps("video/x-raw", [("format", .string(format)), ("width", .intRange(1...4096, step: 1))], features: features)
}

private struct I420Source: Source {
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "i420src", longName: "I420", klass: "Source", description: "I420")
    static var padTemplates: [PadTemplate] { [PadTemplate(name: "src", direction: .src, caps: video("I420"))] }
    func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        var caps = caps
        caps.fixateField("width", nearestInt: 64)
        return caps.fixated()
    }
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

private struct GPUSource: Source {
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "gpusrc", longName: "GPU", klass: "Source", description: "GPU")
    static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "src", direction: .src, caps: video("I420", memory: .gpu).union(video("I420")))]
    }
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

private struct GPUOnlySource: Source {
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "gpuonlysrc", longName: "GPU", klass: "Source", description: "GPU")
    static var padTemplates: [PadTemplate] { [PadTemplate(name: "src", direction: .src, caps: video("I420", memory: .gpu))] }
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

private struct AnyMemorySink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "anysink", longName: "Any", klass: "Sink", description: "Any")
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

private struct RGBASink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "rgbasink", longName: "RGBA", klass: "Sink", description: "RGBA")
    static var padTemplates: [PadTemplate] { [PadTemplate(name: "sink", direction: .sink, caps: video("RGBA"))] }
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

/// A converter turning `From` into `To` at a chosen cost.
private protocol FixtureConverter: Converter where Input == AnyMedia, Output == AnyMedia {
    static var from: String { get }
    static var to: String { get }
}

extension FixtureConverter {
    static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "sink", direction: .sink, caps: video(from)), PadTemplate(name: "src", direction: .src, caps: video(to))]
    }
    func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        var result = caps
        result.structures = result.structures.map { structure in
            var s = structure
            s["format"] = .string(direction == .sink ? Self.to : Self.from)
            return s
        }
        return result.intersection(direction == .sink ? video(Self.to) : video(Self.from))
    }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

private struct DirectConverter: FixtureConverter {
    static let descriptor = ElementDescriptor<Self>(factory: "direct", longName: "Direct", klass: "Converter", description: "I420 to RGBA")
    static var conversionCost: Int { 10 }
    static var from: String { "I420" }
    static var to: String { "RGBA" }
}

private struct FirstHalf: FixtureConverter {
    static let descriptor = ElementDescriptor<Self>(factory: "half-a", longName: "A", klass: "Converter", description: "I420 to NV12")
    static var conversionCost: Int { 3 }
    static var from: String { "I420" }
    static var to: String { "NV12" }
}

private struct SecondHalf: FixtureConverter {
    static let descriptor = ElementDescriptor<Self>(factory: "half-b", longName: "B", klass: "Converter", description: "NV12 to RGBA")
    static var conversionCost: Int { 3 }
    static var from: String { "NV12" }
    static var to: String { "RGBA" }
}

private struct ReverseConverter: FixtureConverter {
    static let descriptor = ElementDescriptor<Self>(factory: "reverse", longName: "Reverse", klass: "Converter", description: "RGBA to I420")
    static var conversionCost: Int { 10 }
    static var from: String { "RGBA" }
    static var to: String { "I420" }
}

/// A transform that takes and gives RGBA only (an effect with one format).
private struct RGBAEffect: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "rgbaeffect", longName: "RGBA", klass: "Filter", description: "RGBA")
    static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "sink", direction: .sink, caps: video("RGBA")), PadTemplate(name: "src", direction: .src, caps: video("RGBA"))]
    }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

/// A sink taking I420 only.
private struct I420Sink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(factory: "i420sink", longName: "I420", klass: "Sink", description: "I420")
    static var padTemplates: [PadTemplate] { [PadTemplate(name: "sink", direction: .sink, caps: video("I420"))] }
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

@Suite struct GlobalNegotiatorTests {
    func registry(_ types: [any Element.Type]) -> ElementRegistry {
        var registry = ElementRegistry()
        for type in types { register(type, into: &registry) }
        return registry
    }

    private func register<E: Element>(_ type: E.Type, into registry: inout ElementRegistry) { registry.register(type) }

    func chain(_ source: any Element, _ sink: any Element, isolateSink: Bool = false) -> (Graph, [any Element]) {
        var sinkNode = Node(id: 1, factory: type(of: sink).factoryName, name: "sink")
        if isolateSink { sinkNode.isolation = .isolated }
        let graph = Graph(
            nodes: [Node(id: 0, factory: type(of: source).factoryName, name: "source"), sinkNode],
            links: [Link(from: PadRef(node: 0, pad: "src"), to: PadRef(node: 1, pad: "sink"))])
        return (graph, [source, sink])
    }

    @Test func theCheapestChainWinsOverTheShortest() throws {
        let converters = ConverterRegistry(registry([DirectConverter.self, FirstHalf.self, SecondHalf.self]))
        #expect(converters.entries.map(\.factory) == ["half-a", "half-b", "direct"])
        let (graph, elements) = chain(I420Source(), RGBASink())
        let result = try GlobalNegotiator(converters: converters).negotiate(graph, elements: elements)
        #expect(result.insertedNodes.map(\.factory) == ["half-a", "half-b"])
        #expect(result.graph.links.count == 3)
        #expect(result.linkCaps.map { $0.structures[0].string("format") } == ["I420", "NV12", "RGBA"])
        #expect(result.linkCaps.allSatisfy { $0.structures[0].int("width") == 64 })
    }

    /// Both sides of an element conflict: each conflict is repaired, not only the first (the element's
    /// output is not taken to be empty because its input does not meet upstream yet).
    @Test func conflictsOnBothSidesOfAnElementGetAConverterEach() throws {
        let converters = ConverterRegistry(registry([DirectConverter.self, ReverseConverter.self]))
        let graph = Graph(
            nodes: [Node(id: 0, factory: "i420src", name: "source"), Node(id: 1, factory: "rgbaeffect", name: "effect"),
                    Node(id: 2, factory: "i420sink", name: "sink")],
            links: [Link(from: PadRef(node: 0, pad: "src"), to: PadRef(node: 1, pad: "sink")),
                    Link(from: PadRef(node: 1, pad: "src"), to: PadRef(node: 2, pad: "sink"))])
        let elements: [any Element] = [I420Source(), RGBAEffect(), I420Sink()]
        let result = try GlobalNegotiator(converters: converters).negotiate(graph, elements: elements)
        #expect(result.insertedNodes.map(\.name) == ["direct0", "reverse0"])
        #expect(result.insertedNodes.map(\.insertion) == [
            NodeInsertion(upstream: "source", downstream: "effect"), NodeInsertion(upstream: "effect", downstream: "sink"),
        ])
        #expect(result.linkCaps.map { $0.structures[0].string("format") } == ["I420", "RGBA", "RGBA", "I420"])
        do {
            _ = try GlobalNegotiator(converters: converters, strict: true).negotiate(graph, elements: elements)
            Issue.record("strict negotiation inserted a converter")
        } catch {
            #expect(error.message == "could not link source to effect: no common format")
            #expect(error.help == "insert direct between source and effect (strict negotiation inserts no converters)")
        }
    }

    @Test func aSingleConverterWinsWhenItIsCheaper() throws {
        struct CheapDirect: FixtureConverter {
            static let descriptor = ElementDescriptor<Self>(factory: "cheap", longName: "C", klass: "Converter", description: "C")
            static var conversionCost: Int { 5 }
            static var from: String { "I420" }
            static var to: String { "RGBA" }
        }
        let converters = ConverterRegistry(registry([CheapDirect.self, FirstHalf.self, SecondHalf.self]))
        let (graph, elements) = chain(I420Source(), RGBASink())
        let result = try GlobalNegotiator(converters: converters).negotiate(graph, elements: elements)
        #expect(result.insertedNodes.map(\.name) == ["cheap0"])
        #expect(result.insertedNodes.first?.insertion == NodeInsertion(upstream: "source", downstream: "sink"))
    }

    @Test func withoutConvertersTheConflictIsAnError() throws {
        let (graph, elements) = chain(I420Source(), RGBASink())
        #expect(throws: NegotiationError.self) { try GlobalNegotiator().negotiate(graph, elements: elements) }
        do {
            _ = try GlobalNegotiator().negotiate(graph, elements: elements)
        } catch {
            #expect(error.message == "could not link source to sink: no common format")
            #expect(error.notes.last == "no converters are available to bridge the two sides")
            #expect(error.help == "format=RGBA cannot be met: upstream gives format=I420")
        }
    }

    @Test func strictModeNamesTheChainItWouldInsert() throws {
        let converters = ConverterRegistry(registry([FirstHalf.self, SecondHalf.self]))
        let (graph, elements) = chain(I420Source(), RGBASink())
        do {
            _ = try GlobalNegotiator(converters: converters, strict: true).negotiate(graph, elements: elements)
            Issue.record("strict negotiation inserted a converter")
        } catch {
            #expect(error.help == "insert half-a ! half-b between source and sink (strict negotiation inserts no converters)")
        }
    }

    @Test func gpuMemoryStaysInProcessAndCPUMemoryCrossesTheBoundary() throws {
        // In one process the source's first choice, GPU memory, is kept.
        let (together, elements) = chain(GPUSource(), AnyMemorySink())
        let local = try GlobalNegotiator().negotiate(together, elements: elements)
        #expect(local.memory(ofLink: 0) == .gpu)
        // Across a process boundary only memory passed by descriptor may go: the CPU alternative is taken.
        let (apart, _) = chain(GPUSource(), AnyMemorySink(), isolateSink: true)
        let remote = try GlobalNegotiator().negotiate(apart, elements: elements)
        #expect(remote.memory(ofLink: 0) == .cpu)
        #expect(remote.linkCaps[0].structures[0].features.isEmpty)
    }

    @Test func gpuOnlyMemoryCannotCrossAProcessBoundary() throws {
        let (apart, elements) = chain(GPUOnlySource(), AnyMemorySink(), isolateSink: true)
        do {
            _ = try GlobalNegotiator().negotiate(apart, elements: elements)
            Issue.record("GPU memory crossed a process boundary")
        } catch {
            #expect(error.message == "could not link source to sink: no common format")
            #expect(error.notes.contains(
                "emptied by: the process boundary on this link (only memory passed by descriptor crosses it)"))
        }
    }

    @Test func memoryTypesMapToCapsFeatures() {
        #expect(MemoryType.allCases.map { MemoryType(features: [$0.capsFeature]) } == MemoryType.allCases)
        #expect(MemoryType(features: []) == .cpu)
        #expect(MemoryType(features: ["memory:Unknown"]) == nil)
        #expect(MemoryType.gpu.transferCost(crossingProcess: true) == nil)
        #expect(MemoryType.cpu.transferCost(crossingProcess: true) == ConversionCost.crossProcess)
        #expect(MemoryType.dmabuf.transferCost(crossingProcess: false) == ConversionCost.sameProcess)
    }

    @Test func insertedNamesSkipTakenOnes() throws {
        var (graph, elements) = chain(I420Source(), RGBASink())
        graph.nodes[0].name = "direct0"
        let converters = ConverterRegistry(registry([DirectConverter.self]))
        let result = try GlobalNegotiator(converters: converters).negotiate(graph, elements: elements)
        #expect(result.insertedNodes.map(\.name) == ["direct1"])
        #expect(result.insertedNodes.map(\.id) == [2])
    }

    @Test func anyCapsStayAny() throws {
        struct AnySource: Source {
            typealias Output = AnyMedia
            static let descriptor = ElementDescriptor<Self>(factory: "anysrc", longName: "Any", klass: "Source", description: "Any")
            mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
        }
        let (graph, elements) = chain(AnySource(), AnyMemorySink())
        let result = try GlobalNegotiator().negotiate(graph, elements: elements)
        #expect(result.linkCaps == [.any])
        #expect(result.insertedNodes.isEmpty)
    }
}
