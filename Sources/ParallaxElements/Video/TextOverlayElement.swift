import ParallaxCore

/// An element that draws a line of text over video with `TextOverlaySettings` (`timeoverlay`,
/// `clockoverlay`): lets the shared properties be declared once.
/// Thread: as for `Element`.
public protocol TextOverlayElement: Element {
    /// Text, placement and box.
    var settings: TextOverlaySettings { get set }
}
