import ParallaxCore
import ParallaxElements
import Testing

@Suite struct BufferMessageTests {
    @Test func chainMessageMatchesGStreamersLastMessage() {
        var metadata = BufferMetadata(dts: .zero, offset: 0)
        metadata.flags = [.discont]
        #expect(BufferMessage.chain("chain", element: "fakesink", pad: "sink", length: 20, metadata: metadata)
            == "chain   ******* (fakesink:sink) (20 bytes, dts: 0:00:00.000000000, pts: none, duration: none, "
            + "offset: 0, offset_end: -1, flags: 00000040 discont , meta: none)")
    }

    @Test func createMessageKeepsGStreamersSpacing() {
        let metadata = BufferMetadata(pts: .milliseconds(40), duration: .milliseconds(40), offset: 20, offsetEnd: 40,
                                      flags: [.gap, .deltaUnit])
        #expect(BufferMessage.create(element: "fakesrc", pad: "src", length: 20, metadata: metadata)
            == "create   ******* (fakesrc:src) (20 bytes, dts: none, pts:0:00:00.040000000, "
            + "duration: 0:00:00.040000000, offset: 20, offset_end: 40, flags: 00002800 gap delta-unit )")
    }

    @Test func noFlagsPrintsZeroBits() {
        #expect(BufferMessage.flags([]) == "00000000 ")
    }
}
