import ParallaxCore

/// Where `timeoverlay` and `clockoverlay` put their text across the frame (`halignment`, GStreamer's
/// `GstBaseTextOverlayHAlign`, same values and nicks).
public enum TextOverlayHAlignment: Int, PropertyEnum {
    /// `xpad` pixels from the left edge.
    case left = 0
    /// Centred.
    case center = 1
    /// `xpad` pixels from the right edge.
    case right = 2

    /// The nick written in launch strings, as GStreamer spells it.
    public var nick: String { ["left", "center", "right"][rawValue] }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String { nick }
}
