import ParallaxCore

/// What `compositor` paints where no input covers the output — GStreamer's `GstCompositorBackground`.
public enum CompositorBackground: Int, PropertyEnum {
    /// A grey checkerboard of 8×8 squares (levels 80 and 160).
    case checker = 0
    /// Black.
    case black = 1
    /// White.
    case white = 2
    /// Fully transparent (black in formats without alpha).
    case transparent = 3

    /// The nick written in launch strings, as GStreamer spells it.
    public var nick: String { ["checker", "black", "white", "transparent"][rawValue] }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String {
        ["Checker pattern", "Black", "White", "Transparent Background to enable further compositing"][rawValue]
    }
}
