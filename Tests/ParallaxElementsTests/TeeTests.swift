import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct TeeTests {
    @Test func requestsSourcePadsByTemplate() throws {
        let src = try #require(Tee.template(.src))
        #expect(src.name == "src_%u")
        #expect(src.presence == .request)
        #expect(src.caps == .any)
        #expect(src.matches("src_0"))
        #expect(src.matches("src_12"))
        let sink = try #require(Tee.template(.sink))
        #expect(sink.name == "sink")
        #expect(sink.presence == .always)
        #expect(Tee.info.template(forPad: "src_3")?.direction == .src)
    }

    @Test func hasNoPropertiesYet() {
        #expect(Tee.info.properties.isEmpty)
        #expect(throws: ElementError("no property \"allow-not-linked\" in element \"tee\"")) {
            try Tee.configured([PropertySetting(name: "allow-not-linked", value: .bool(true), text: "true")])
        }
    }

    @Test func passesTheSameBufferOn() throws {
        let harness = try ElementHarness(Tee())
        #expect(harness.element.isPassthrough)
        let buffer = Buffer(copying: [1])
        try harness.push(buffer)
        #expect(harness.pull()?.storage === buffer.storage)
        try harness.finish()
    }
}
