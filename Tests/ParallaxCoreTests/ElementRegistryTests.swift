import ParallaxCore
import Synchronization
import Testing

/// Counts the values made of it: registering must make none, describing it one.
private struct CountedElement: Transform {
    typealias Input = AnyMedia
    typealias Output = AnyMedia
    static let made = Atomic<Int>(0)
    static let descriptor = ElementDescriptor<Self>(
        factory: "counted", longName: "Counted", klass: "Testing", description: "Counts the values made of it")
    init() { Self.made.add(1, ordering: .relaxed) }
    var isPassthrough: Bool { true }
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus { .ok }
}

@Suite struct ElementRegistryTests {
    @Test func registeringAnElementDescribesItOnlyWhenAskedAndOnce() throws {
        var registry = ElementRegistry()
        registry.register(CountedElement.self)
        #expect(CountedElement.made.load(ordering: .relaxed) == 0)
        let copy = registry
        let entry = try #require(registry["counted"])
        #expect(entry.info.factory == "counted")
        #expect(entry.info.role == .transform)
        #expect(CountedElement.made.load(ordering: .relaxed) == 1)
        #expect(copy["counted"]?.info.longName == "Counted")
        #expect(CountedElement.made.load(ordering: .relaxed) == 1)
        #expect(registry.factories == ["counted"])
    }
}
