import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct CapsFilterTests {
    @Test func defaultAllowsAnything() throws {
        let filter = CapsFilter()
        #expect(filter.caps == .any)
        let caps = try Caps(parsing: "audio/x-raw, rate=(int)48000")
        #expect(filter.transformCaps(caps, from: .sink) == caps)
        #expect(CapsFilter.info.property(named: "caps")?.defaultValue == .caps(.any))
    }

    @Test func narrowsCapsInBothDirections() throws {
        var filter = CapsFilter()
        filter.caps = try Caps(parsing: "video/x-raw, format=(string)I420, width=(int)640")
        let template = try #require(VideoTestSource.template(.src)).caps
        let down = filter.transformCaps(template, from: .sink)
        #expect(down.structures.count == 1)
        #expect(down.structures[0].string("format") == "I420")
        #expect(down.structures[0].int("width") == 640)
        #expect(down.structures[0]["height"] == .intRange(1...Int(Int32.max), step: 1))
        let up = filter.transformCaps(try Caps(parsing: "video/x-raw, format=(string){ NV12, I420 }"), from: .src)
        #expect(up.structures.first?.string("format") == "I420")
        #expect(filter.transformCaps(try Caps(parsing: "audio/x-raw"), from: .sink).isEmpty)
    }

    @Test func keepsTheFiltersOrderOfPreference() throws {
        var filter = CapsFilter()
        filter.caps = try Caps(parsing: "video/x-raw, format=(string){ NV12, I420 }")
        let result = filter.transformCaps(try Caps(parsing: "video/x-raw, format=(string){ I420, NV12 }"), from: .sink)
        #expect(result.structures.first?["format"] == .list([.string("NV12"), .string("I420")]))
    }

    @Test func steersNegotiationOfASource() throws {
        let text = "video/x-raw,format=NV12,width=640,height=480"
        let type = try #require(CapsFilter.info.property(named: "caps")?.type)
        let setting = PropertySetting(name: "caps", value: try type.parse(text).get(), text: text)
        let filter = try CapsFilter.configured([setting])
        // What the negotiator does for videotestsrc ! capsfilter: template ∩ what the filter accepts, then fixate.
        let accepted = filter.transformCaps(.any, from: .src)
        let source = VideoTestSource()
        let candidate = try #require(VideoTestSource.template(.src)).caps.intersection(accepted)
        let fixed = source.fixate(candidate, on: .src)
        #expect(fixed == VideoInfo(format: .nv12, width: 640, height: 480, framerate: Fraction(30, 1)).caps)
    }

    @Test func passesBuffersUnchanged() throws {
        var filter = CapsFilter()
        filter.caps = try Caps(parsing: "application/x-test")
        let harness = try ElementHarness(filter, inputCaps: try Caps(parsing: "application/x-test"))
        #expect(harness.outputCaps == (try Caps(parsing: "application/x-test")))
        let buffer = Buffer(copying: [4, 2])
        try harness.push(buffer)
        #expect(harness.pull()?.storage === buffer.storage)
        try harness.finish()
    }
}
