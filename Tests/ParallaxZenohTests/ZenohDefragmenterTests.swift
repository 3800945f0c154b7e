import ParallaxZenoh
import Testing

@Suite struct ZenohDefragmenterTests {
    @Test func fragmentsInOrderMakeTheMessage() throws {
        var defragmenter = ZenohDefragmenter(limit: 100)
        #expect(try defragmenter.add([1, 2][...], sequence: 10, more: true) == nil)
        #expect(try defragmenter.add([3][...], sequence: 11, more: true) == nil)
        #expect(try defragmenter.add([4, 5][...], sequence: 12, more: false) == [1, 2, 3, 4, 5])
        #expect(try defragmenter.add([6][...], sequence: 13, more: false) == [6])
    }

    @Test func aGapLosesTheMessageAndTheNextStartsClean() throws {
        var defragmenter = ZenohDefragmenter(limit: 100)
        _ = try defragmenter.add([1][...], sequence: 1, more: true)
        #expect(throws: ZenohError.protocolError("a fragment is missing (sequence 3, expected 2); the message is lost")) {
            try defragmenter.add([3][...], sequence: 3, more: true)
        }
        #expect(try defragmenter.add([4][...], sequence: 4, more: false) == nil)  // the rest of the lost message
        #expect(try defragmenter.add([9][...], sequence: 5, more: false) == [9])
    }

    @Test func aMessageOverTheCapIsDroppedWhole() throws {
        var defragmenter = ZenohDefragmenter(limit: 4)
        _ = try defragmenter.add([1, 2, 3][...], sequence: 1, more: true)
        #expect(throws: ZenohError.tooLarge("a message over 4 bytes arrived; it is dropped")) {
            try defragmenter.add([4, 5][...], sequence: 2, more: true)
        }
        #expect(try defragmenter.add([6][...], sequence: 3, more: false) == nil)
        #expect(try defragmenter.add([7][...], sequence: 4, more: false) == [7])
    }
}
