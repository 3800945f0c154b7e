import ParallaxCore
import ParallaxElements

extension CapsFilter {
    /// A caps filter that narrows raw video of any format to `format`, optionally fixing the size and
    /// frame rate: `video/x-raw,format=I420,width=320,height=240,framerate=30/1` in a launch string.
    ///
    /// Its stage takes `RawVideo<AnyPixelFormat>` and gives `RawVideo<Format>`, so the elements after it
    /// are checked against `Format`:
    /// ```swift
    /// Pipeline { VideoTestSource(); CapsFilter.video(I420.self, width: 320, height: 240); I420Only(); FakeSink() }
    /// ```
    /// Like any caps filter it makes no node: the caps go on the link.
    public static func video<Format: PixelFormat>(
        _ format: Format.Type, width: Int? = nil, height: Int? = nil, framerate: Fraction? = nil
    ) -> Takes<RawVideo<AnyPixelFormat>>.Gives<RawVideo<Format>> {
        var fields: [(String, CapsValue)] = RawVideo<Format>.caps.structures[0].fields.map { ($0.name, $0.value) }
        if let width { fields.append(("width", .int(width))) }
        if let height { fields.append(("height", .int(height))) }
        if let framerate { fields.append(("framerate", .fraction(framerate))) }
        return Stage(Fragment(caps: Caps("video/x-raw", fields)))
    }

    /// A caps filter that narrows raw audio of any format to `format`, optionally fixing the rate and the
    /// channel count: `audio/x-raw,format=S16LE,layout=interleaved,rate=48000,channels=2`.
    public static func audio<Format: AudioFormat>(
        _ format: Format.Type, rate: Int? = nil, channels: Int? = nil
    ) -> Takes<RawAudio<AnyAudioFormat>>.Gives<RawAudio<Format>> {
        var fields: [(String, CapsValue)] = RawAudio<Format>.caps.structures[0].fields.map { ($0.name, $0.value) }
        if let rate { fields.append(("rate", .int(rate))) }
        if let channels { fields.append(("channels", .int(channels))) }
        return Stage(Fragment(caps: Caps("audio/x-raw", fields)))
    }
}
