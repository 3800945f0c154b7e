import ParallaxCore
import Testing

@testable import ParallaxParse

/// The pad choice state machine, driven without the parser.
@Suite("PadAllocator")
struct PadAllocatorTests {
    @Test("request pads count up per template, past numbers named explicitly")
    func requestNumbering() throws {
        let tee = try #require(Fixtures.registry["tee"]).info
        var allocator = PadAllocator()
        var names: [String] = []
        for requested in [nil, "src_4", nil, "src_%u", "src_2"] as [String?] {
            guard case .success(let pad) = allocator.allocate(node: 0, info: tee, direction: .src, requested: requested)
            else {
                Issue.record("no pad for \(String(describing: requested))")
                return
            }
            allocator.commit(node: 0, pad: pad, info: tee, span: SourceSpan(start: names.count, length: 1))
            names.append(pad)
        }
        #expect(names == ["src_0", "src_4", "src_5", "src_6", "src_2"])
        #expect(
            allocator.allocate(node: 0, info: tee, direction: .src, requested: "src_4")
                == .failure(.alreadyLinked(pad: "src_4", by: SourceSpan(start: 1, length: 1))))
    }

    @Test("always pads link once; unknown and wrong-way names fail")
    func alwaysPads() throws {
        let tee = try #require(Fixtures.registry["tee"]).info
        let identity = try #require(Fixtures.registry["identity"]).info
        var allocator = PadAllocator()
        #expect(allocator.allocate(node: 1, info: identity, direction: .src, requested: nil) == .success("src"))
        allocator.commit(node: 1, pad: "src", info: identity, span: SourceSpan(start: 9, length: 1))
        #expect(
            allocator.allocate(node: 1, info: identity, direction: .src, requested: nil)
                == .failure(.alreadyLinked(pad: "src", by: SourceSpan(start: 9, length: 1))))
        #expect(allocator.allocate(node: 1, info: identity, direction: .sink, requested: "sink") == .success("sink"))
        #expect(
            allocator.allocate(node: 1, info: identity, direction: .sink, requested: "src") == .failure(.wrongDirection)
        )
        #expect(allocator.allocate(node: 1, info: identity, direction: .sink, requested: "in") == .failure(.noSuchPad))
        #expect(allocator.allocate(node: 2, info: tee, direction: .sink, requested: "src_x") == .failure(.noSuchPad))
    }

    @Test("template patterns")
    func patterns() {
        #expect(PadAllocator.matches("src_12", "src_%u"))
        #expect(!PadAllocator.matches("src_", "src_%u"))
        #expect(!PadAllocator.matches("src_1a", "src_%u"))
        #expect(PadAllocator.matches("sink_-1", "sink_%d"))
        #expect(PadAllocator.matches("video_main", "video_%s"))
        #expect(PadAllocator.number(in: "src_7", template: "src_%u") == 7)
        #expect(PadAllocator.number(in: "sink", template: "sink") == nil)
    }
}
