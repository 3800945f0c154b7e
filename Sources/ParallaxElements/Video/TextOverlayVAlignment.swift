import ParallaxCore

/// Where `timeoverlay` and `clockoverlay` put their text down the frame (`valignment`, GStreamer's
/// `GstBaseTextOverlayVAlign`, same values and nicks).
public enum TextOverlayVAlignment: Int, PropertyEnum {
    /// The text's baseline `ypad` pixels above the bottom edge (the same as `bottom` for this font).
    case baseline = 0
    /// `ypad` pixels above the bottom edge.
    case bottom = 1
    /// `ypad` pixels below the top edge.
    case top = 2

    /// The nick written in launch strings, as GStreamer spells it.
    public var nick: String { ["baseline", "bottom", "top"][rawValue] }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String { nick }
}
