import ParallaxCore

/// Where and how one `compositor` input is drawn: its pad properties (`sink_1::xpos=640 sink_1::alpha=0.5`).
public struct CompositorPadSettings: Sendable, Hashable {
    /// Left edge of the picture in the output, in pixels (may be negative: the picture is clipped).
    public var xpos = 0
    /// Top edge of the picture in the output, in pixels (may be negative).
    public var ypos = 0
    /// Width to draw the picture at (scaled bilinearly); 0 or less draws it at its own width.
    public var width = 0
    /// Height to draw the picture at; 0 or less draws it at its own height.
    public var height = 0
    /// Opacity of the picture, 0 (invisible) to 1 (opaque), multiplied with per-pixel alpha.
    public var alpha = 1.0
    /// Drawing order: higher values are drawn later, over lower ones; nil takes the pad's number.
    public var zorder: UInt64?

    /// A pad at the origin, opaque, at its own size.
    public init() {}

    /// The size an `input` picture is drawn at.
    public func drawnSize(of input: VideoInfo) -> (width: Int, height: Int) {
        (width > 0 ? width : input.width, height > 0 ? height : input.height)
    }
}
