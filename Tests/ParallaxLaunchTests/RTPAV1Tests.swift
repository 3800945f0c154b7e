#if Network
import Foundation
import Parallax
import Testing

/// `rtpav1pay ! rtpav1depay` in a running pipeline: temporal units fed by appsrc come out byte for byte.
/// (GStreamer 1.22 in Debian has no AV1 RTP elements to check against.)
@Suite struct RTPAV1Tests {
    static func obu(_ type: UInt8, _ payload: [UInt8]) -> [UInt8] {
        var size: [UInt8] = []
        var value = payload.count
        repeat {
            size.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
            value >>= 7
        } while value > 0
        return [type << 3 | 0x02] + size + payload
    }

    @Test func temporalUnitsCrossPayAndDepayUnchanged() async throws {
        let units: [[UInt8]] = (0..<5).map { index in
            let frame = (0..<(300 + index * 700)).map { UInt8(truncatingIfNeeded: $0 * 13 + index) }
            let header = index == 0 ? Self.obu(1, Array(1...12)) : []
            return [0x12, 0x00] + header + Self.obu(6, frame)
        }
        let pipeline = try Pipeline(
            launch: "appsrc name=in caps=\"video/x-av1,stream-format=obu-stream,alignment=tu\" "
                + "! rtpav1pay mtu=500 ! rtpav1depay ! appsink name=out sync=false")
        let feed = try #require(pipeline.element(named: "in") as? AppSource).feed
        let sink = try #require(pipeline.element(named: "out") as? AppSink)
        for (index, unit) in units.enumerated() {
            var buffer = Buffer(copying: unit)
            buffer.metadata.pts = ClockTime(nanoseconds: UInt64(index) * 40_000_000)
            _ = await feed.push(buffer)
        }
        feed.endOfStream()
        async let collected: [[UInt8]] = {
            var all: [[UInt8]] = []
            for await buffer in sink.buffers { all.append(buffer.byteArray) }
            return all
        }()
        try await pipeline.run()
        let received = await collected
        #expect(received.count == units.count)
        #expect(received == units)
    }
}
#endif  // Network
