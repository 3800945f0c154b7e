import ParallaxCore
import ParallaxElements

extension CapsFilter {
    /// A caps filter that lets only `caps` through. In a typed pipeline it becomes caps on the link, as
    /// `a ! video/x-raw,width=320 ! b` does in a launch string, and keeps the upstream media type.
    ///
    /// ```swift
    /// Pipeline.graph { VideoTestSource(); CapsFilter(Caps("video/x-raw", [("width", .int(320))])); FakeSink() }
    /// ```
    public init(_ caps: Caps) {
        self.init()
        self.caps = caps
    }
}
