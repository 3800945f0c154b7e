import ParallaxCore
import ParallaxElements

extension FileSink {
    /// A file sink writing to `location`: `filesink location=/tmp/out.raw`.
    ///
    /// ```swift
    /// Pipeline { VideoTestSource(numBuffers: 1); FileSink(location: "/tmp/out.raw") }
    /// ```
    public init(location: String, append: Bool = false) {
        self.init()
        self.location = location
        self.append = append
    }
}
