import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct IdentityTests {
    @Test func passesTheSameBufferOn() throws {
        let harness = try ElementHarness(Identity())
        let input = Buffer(copying: [1, 2, 3])
        #expect(try harness.push(input) == .ok)
        let output = try #require(harness.pull())
        #expect(output.storage === input.storage)
        #expect(output.byteArray == [1, 2, 3])
        try harness.finish()
    }

    @Test func dropProbabilityOneDropsEverything() throws {
        var identity = Identity()
        identity.dropProbability = 1
        let harness = try ElementHarness(identity)
        for _ in 0..<20 { #expect(try harness.push(Buffer(capacity: 4)) == .dropped) }
        #expect(harness.pendingOutputs == 0)
        try harness.finish()
    }

    @Test func dropProbabilityHalfDropsSome() throws {
        var identity = Identity()
        identity.dropProbability = 0.5
        let harness = try ElementHarness(identity)
        let statuses = try (0..<200).map { _ throws(ElementError) in try harness.push(Buffer(capacity: 1)) }
        #expect(statuses.contains(.ok))
        #expect(statuses.contains(.dropped))
        #expect(harness.pullAll().count == statuses.filter { $0 == .ok }.count)
        try harness.finish()
    }

    @Test func errorAfterThreeFailsOnTheThirdBuffer() throws {
        var identity = Identity()
        identity.errorAfter = 3
        let harness = try ElementHarness(identity)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(throws: ElementError("Failed after iterations as requested.")) {
            try harness.push(Buffer(capacity: 1))
        }
        #expect(harness.pullAll().count == 2)
        try harness.finish()
    }

    @Test func eosAfterThreeEndsAtTheThirdBuffer() throws {
        var identity = Identity()
        identity.eosAfter = 3
        let harness = try ElementHarness(identity)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(try harness.push(Buffer(capacity: 1)) == .ok)
        #expect(try harness.push(Buffer(capacity: 1)) == .eos)
        #expect(harness.pullAll().count == 2)
        try harness.finish()
    }

    @Test func datarateRestampsBuffers() throws {
        var identity = Identity()
        identity.dataRate = 1000
        let harness = try ElementHarness(identity)
        for _ in 0..<2 {
            var buffer = Buffer(capacity: 500)
            buffer.pts = .seconds(7)
            try harness.push(buffer)
        }
        let buffers = harness.pullAll()
        #expect(buffers.map(\.pts) == [.zero, .milliseconds(500)])
        #expect(buffers.map(\.duration) == [.milliseconds(500), .milliseconds(500)])
        try harness.finish()
    }

    @Test func sleepTimeDelaysEachBuffer() throws {
        var identity = Identity()
        identity.sleepTime = 2000
        let harness = try ElementHarness(identity)
        let elapsed = try ContinuousClock().measure { try harness.push(Buffer(capacity: 1)) }
        #expect(elapsed >= .milliseconds(2))
        _ = harness.pull()
        try harness.finish()
    }

    @Test func startResetsTheCounters() throws {
        var identity = Identity()
        identity.eosAfter = 2
        let first = try ElementHarness(identity)
        #expect(try first.push(Buffer(capacity: 1)) == .ok)
        #expect(try first.push(Buffer(capacity: 1)) == .eos)
        _ = first.pullAll()
        try first.finish()
        let second = try ElementHarness(first.element)
        #expect(try second.push(Buffer(capacity: 1)) == .ok)
        _ = second.pullAll()
        try second.finish()
    }
}
