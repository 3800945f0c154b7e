import ParallaxCore

/// The `format` values of `rawaudioparse` (GStreamer's `GstRawAudioParseFormat`).
public enum RawAudioParseFormat: Int, PropertyEnum {
    /// Linear PCM in `pcm-format`.
    case pcm = 0
    /// G.711 µ-law.
    case mulaw = 1
    /// G.711 A-law.
    case alaw = 2

    /// The nick written in launch strings.
    public var nick: String { ["pcm", "mulaw", "alaw"][rawValue] }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String { ["PCM", "µ-Law", "A-Law"][rawValue] }
}
