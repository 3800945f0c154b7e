import ParallaxCore
import ParallaxElements

extension Queue {
    /// A queue with its limits as arguments: `queue max-size-buffers=4 leaky=downstream`.
    ///
    /// ```swift
    /// Pipeline { VideoTestSource(); Queue(maxBuffers: 4, leaky: .downstream); FakeSink() }
    /// ```
    public init(maxBuffers: UInt64 = 200, maxBytes: UInt64 = 10_485_760, leaky: Leaky = .no) {
        self.init()
        self.maxBuffers = maxBuffers
        self.maxBytes = maxBytes
        self.leaky = leaky
    }
}
