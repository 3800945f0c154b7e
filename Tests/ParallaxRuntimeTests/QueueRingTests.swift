import ParallaxCore
import Testing

@testable import ParallaxRuntime

@Suite struct QueueRingTests {
    @Test func keepsOrderAndRefusesWhenFull() {
        let ring = QueueRing(minimumCapacity: 4)
        for i in 0..<4 { #expect(ring.push(.event(.streamStart("\(i)"))) == nil) }
        #expect(ring.count == 4)
        #expect(ring.push(.event(.eos)) != nil)
        for i in 0..<4 {
            guard case .event(.streamStart(let id))? = ring.pop() else {
                Issue.record("expected stream-start \(i)")
                return
            }
            #expect(id == "\(i)")
        }
        #expect(ring.pop() == nil)
        #expect(ring.push(.event(.eos)) == nil)
        #expect(ring.count == 1)
    }

    @Test func wrapsAroundManyTimes() {
        let ring = QueueRing(minimumCapacity: 2)
        for round in 0..<1000 {
            #expect(ring.push(.event(.streamStart("\(round)"))) == nil)
            guard case .event(.streamStart(let id))? = ring.pop() else {
                Issue.record("lost item \(round)")
                return
            }
            #expect(id == "\(round)")
        }
    }

    @Test func carriesBuffersByReference() {
        let ring = QueueRing(minimumCapacity: 2)
        let buffer = Buffer(copying: [1, 2, 3])
        #expect(ring.push(.buffer(buffer)) == nil)
        guard case .buffer(let out)? = ring.pop() else {
            Issue.record("expected a buffer")
            return
        }
        #expect(out.storage === buffer.storage)
        #expect(out.byteArray == [1, 2, 3])
    }
}
