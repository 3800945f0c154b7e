/// How loud one `audiomixer` input is mixed: its pad properties (`sink_1::volume=0.5 sink_2::mute=true`).
public struct AudioMixerPadSettings: Sendable, Hashable {
    /// Gain applied to the input, 0 to 10 (1: unchanged).
    public var volume = 1.0
    /// Whether the input is left out of the mix.
    public var mute = false

    /// An input at full volume, not muted.
    public init() {}
}
