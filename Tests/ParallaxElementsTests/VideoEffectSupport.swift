import Parallax
import ParallaxTesting
import Testing

/// Helpers shared by the videoflip, videocrop, videobox and videobalance tests.
enum VideoEffectSupport {
    /// A frame of `info` whose bytes are `byte(plane, x, y)` (x counts bytes, padding included).
    static func frame(_ info: VideoInfo, _ byte: (_ plane: Int, _ x: Int, _ y: Int) -> UInt8) -> Buffer {
        var bytes = [UInt8](repeating: 0, count: info.size)
        for plane in 0..<info.strides.count {
            let end = plane + 1 < info.offsets.count ? info.offsets[plane + 1] : info.size
            for y in 0..<((end - info.offsets[plane]) / info.strides[plane]) {
                for x in 0..<info.strides[plane] {
                    bytes[info.offsets[plane] + y * info.strides[plane] + x] = byte(plane, x, y)
                }
            }
        }
        return Buffer(copying: bytes)
    }

    /// Pushes `buffer` through `element` from `input` to `output` caps and returns the output frame.
    static func process<E: Transform>(_ element: E, _ buffer: Buffer, from input: VideoInfo, to output: VideoInfo)
        throws -> VideoFrame
    {
        let harness = try ElementHarness(element, inputCaps: input.caps, outputCaps: output.caps)
        #expect(harness.outputCaps == output.caps)
        #expect(try harness.push(buffer) == .ok)
        let result = try #require(harness.pull())
        try harness.finish()
        return try #require(VideoFrame(buffer: result, info: output))
    }

    /// The first `bytes` bytes of the first `rows` rows of `plane`.
    static func rows(_ frame: VideoFrame, bytes: Int, rows: Int, plane: Int = 0) -> [[UInt8]] {
        (0..<rows).map { y in (0..<bytes).map { x in frame.pixel(x: x, y: y, plane: plane) } }
    }

    /// The caps `launch` negotiates on the link from the element named `from` to the one named `to`.
    static func negotiatedCaps(_ launch: String, from: String, to: String) throws -> Caps {
        let result = try Pipeline(launch: launch).negotiate()
        let graph = result.graph
        let index = try #require(
            graph.links.indices.first {
                graph.nodes[graph.links[$0].from.node].name == from && graph.nodes[graph.links[$0].to.node].name == to
            })
        return result.linkCaps[index]
    }

    /// Width and height of fixed caps.
    static func size(_ caps: Caps) -> (Int, Int)? {
        guard let s = caps.structures.first, let w = s.int("width"), let h = s.int("height") else { return nil }
        return (w, h)
    }
}
