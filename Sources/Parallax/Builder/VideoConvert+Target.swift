import ParallaxCore
import ParallaxElements

extension VideoConvert {
    /// A `videoconvert` whose output is raw video in `format`: the element followed by caps naming the
    /// format, as `videoconvert ! video/x-raw,format=I420` in a launch string. It takes raw video of any
    /// format, so no input type is spelled.
    ///
    /// ```swift
    /// Pipeline { VideoTestSource(); VideoConvert.to(I420.self); I420Only(); FakeSink() }
    /// ```
    public static func to<Format: PixelFormat>(_ format: Format.Type) -> AnyRawVideoInput<RawVideo<Format>> {
        var fragment = Fragment(element: VideoConvert(), hasInput: true, hasOutput: true)
        fragment.exitCaps = RawVideo<Format>.caps
        return AnyRawVideoInput(fragment)
    }
}
