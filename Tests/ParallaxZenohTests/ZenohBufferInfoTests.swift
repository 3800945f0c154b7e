import ParallaxCore
import Testing

@testable import ParallaxZenoh

@Suite struct ZenohBufferInfoTests {
    @Test func theAttachmentIsReadableTextThatRoundTrips() throws {
        let metadata = BufferMetadata(
            pts: ClockTime(nanoseconds: 40_000_000), duration: ClockTime(nanoseconds: 33_333_333), flags: [.deltaUnit])
        let info = ZenohBufferInfo(metadata: metadata, sequence: 7, sent: 123, caps: "video/x-raw, a=(int)1; b")
        #expect(String(decoding: info.attachment, as: UTF8.self)
            == "pts=40000000;duration=33333333;flags=2;seq=7;sent=123;caps=video/x-raw, a=(int)1; b")
        let read = try #require(ZenohBufferInfo(attachment: info.attachment))
        #expect(read == info)
    }

    @Test func anAttachmentFromElsewhereIsNotTakenForOne() {
        #expect(ZenohBufferInfo(attachment: Array("pts=123456;other=1".utf8)) == nil)  // no sequence number
        #expect(ZenohBufferInfo(attachment: [0xFF, 0xFE]) == nil)
        #expect(ZenohBufferInfo(attachment: Array("seq=3;unknown=x".utf8))?.sequence == 3)
    }

    @Test func latencyIsReportedOnceASecondWithMeanAndMaximum() throws {
        var latency = ZenohLatency()
        let second: UInt64 = 1_000_000_000
        let first = latency.add(sent: 10 * second, now: 10 * second + 2_000_000)  // 2 ms
        let second504 = latency.add(sent: 10 * second, now: 10 * second + 504_000_000)  // 504 ms, same window
        let third = latency.add(sent: 11 * second, now: 11 * second + 6_000_000)  // a second later: reported
        #expect(first == nil)
        #expect(second504 == nil)
        let fields = try #require(third)
        #expect(fields.map(\.0) == ["samples", "mean-us", "max-us"])
        #expect(fields.map(\.1) == [.int(3), .int((2_000 + 504_000 + 6_000) / 3), .int(504_000)])
        // A sample stamped in the future (clocks apart) counts as no delay.
        let future = latency.add(sent: 20 * second, now: 19 * second)
        #expect(future == nil)
    }
}
