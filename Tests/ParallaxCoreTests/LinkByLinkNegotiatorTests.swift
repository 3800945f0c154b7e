import ParallaxCore
import Testing

private struct RawSource: Source {
    typealias Output = RawVideo<AnyPixelFormat>
    static let descriptor = ElementDescriptor<Self>(
        factory: "rawsrc", longName: "Raw source", klass: "Source", description: "Raw video")
    static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "src", direction: .src, caps: Caps("video/x-raw", [
            ("format", .list([.string("I420"), .string("NV12"), .string("RGBA")])),
            ("width", .intRange(1...4096, step: 1)), ("height", .intRange(1...4096, step: 1)),
        ]))]
    }
    func fixate(_ caps: Caps, on direction: PadDirection) -> Caps {
        var caps = caps
        caps.fixateField("width", nearestInt: 320)
        caps.fixateField("height", nearestInt: 240)
        return caps.fixated()
    }
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus { .eos }
}

private struct AnySink: Sink {
    typealias Input = AnyMedia
    static let descriptor = ElementDescriptor<Self>(
        factory: "anysink", longName: "Any sink", klass: "Sink", description: "Anything")
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus { .ok }
}

@Suite struct LinkByLinkNegotiatorTests {
    func graph(filter: Caps?) -> Graph {
        Graph(
            nodes: [Node(id: 0, factory: "rawsrc", name: "src"), Node(id: 1, factory: "anysink", name: "sink")],
            links: [Link(from: PadRef(node: 0, pad: "src"), to: PadRef(node: 1, pad: "sink"), caps: filter,
                         span: SourceSpan(start: 7, length: 5))])
    }

    @Test func sourceFixesItsPreferredFormat() throws {
        let result = try LinkByLinkNegotiator().negotiate(graph(filter: nil), elements: [RawSource(), AnySink()])
        #expect(result.linkCaps[0].description
            == "video/x-raw, format=(string)I420, width=(int)320, height=(int)240")
    }

    @Test func capsFilterNarrowsTheChoice() throws {
        let filter = try Caps(parsing: "video/x-raw,format=RGBA,width=[640,1280]")
        let result = try LinkByLinkNegotiator().negotiate(graph(filter: filter), elements: [RawSource(), AnySink()])
        #expect(result.linkCaps[0].description
            == "video/x-raw, format=(string)RGBA, width=(int)640, height=(int)240")
    }

    @Test func emptyIntersectionIsExplainedWithAHint() throws {
        let filter = try Caps(parsing: "video/x-raw,format=NV16")
        #expect {
            _ = try LinkByLinkNegotiator().negotiate(graph(filter: filter), elements: [RawSource(), AnySink()])
        } throws: { error in
            guard let error = error as? NegotiationError else { return false }
            return error.message == "could not link src to sink: no common format"
                && error.span == SourceSpan(start: 7, length: 5)
                && error.help == "format=NV16 is not a format rawsrc produces; did you mean format=NV12?"
                && error.notes.count == 3
        }
    }

    @Test func anyCapsStayAny() throws {
        struct AnySource: Source {
            typealias Output = AnyMedia
            static let descriptor = ElementDescriptor<Self>(
                factory: "anysrc", longName: "Any", klass: "Source", description: "Any")
            mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
                .eos
            }
        }
        let result = try LinkByLinkNegotiator().negotiate(graph(filter: nil), elements: [AnySource(), AnySink()])
        #expect(result.linkCaps[0].isAny)
    }
}
