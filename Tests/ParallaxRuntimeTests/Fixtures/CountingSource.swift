import ParallaxCore

/// Test source: `num-buffers` buffers of `size` bytes; the first 8 bytes hold the buffer index,
/// the rest is filled with the low byte of the index. pts = index × 1 ms, duration 1 ms. It can show its first
/// buffer ahead (`StreamPeeking`).
struct CountingSource: StreamPeeking {
    typealias Output = ByteStream
    static let descriptor = ElementDescriptor<Self>(
        factory: "countsrc", longName: "Counting source", klass: "Source", description: "Numbered buffers",
        properties: [
            .int("num-buffers", \.numBuffers, range: -1...Int64(Int32.max), "Buffers before EOS (-1 = unlimited)"),
            .int("size", \.size, range: 8...1_000_000, "Bytes per buffer"),
            .bool("is-live", \.live, "Pace buffers on the clock"),
            .int("fail-at", \.failAt, range: -1...Int64(Int32.max), "Throw at this buffer (-1 = never)"),
        ])

    var numBuffers = 10
    var size = 64
    var live = false
    var failAt = -1
    private var index = 0

    var isLive: Bool { live }

    func outputSize(for caps: Caps) -> Int? { size }

    func peek(upTo count: Int) throws(ElementError) -> [UInt8] {
        Array(([UInt8](repeating: 0, count: size)).prefix(count))
    }

    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
        if numBuffers >= 0 && index >= numBuffers { return .eos }
        if index == failAt { throw ElementError("counting source failed at \(index)", debug: "requested") }
        ctx.withUnsafeOutput { out in
            out.storeBytes(of: UInt64(index).littleEndian, toByteOffset: 0, as: UInt64.self)
            for i in 8..<size { out[i] = UInt8(truncatingIfNeeded: index) }
        }
        ctx.outputLength = size
        ctx.metadata.pts = .milliseconds(UInt64(index))
        ctx.metadata.duration = .milliseconds(1)
        ctx.metadata.offset = UInt64(index)
        index += 1
        return .ok
    }
}
