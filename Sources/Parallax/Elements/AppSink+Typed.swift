import ParallaxCore
import ParallaxElements

extension AppSink {
    /// An app sink with its run-time parameters as arguments: `appsink sync=false max-buffers=4`.
    ///
    /// ```swift
    /// let sink = AppSink(sync: false)
    /// ```
    public init(sync: Bool, maxBuffers: UInt64 = 0, drop: Bool = false) {
        self.init()
        syncToClock = sync
        self.maxBuffers = maxBuffers
        self.drop = drop
    }
}
