/// The closed table of pixel format tags, to go from a run-time `VideoFormat` back to a compile-time tag.
///
/// ```swift
/// func run<Format: PixelFormat>(_: Format.Type) { … }      // generic code over one format
/// if let tag = PixelFormats.tag(for: .i420) { run(tag) }   // opened from the existential (SE-0352)
/// ```
/// Pure data; use from any thread.
public enum PixelFormats {
    /// Every tag that names a run-time format, in `VideoFormat` order.
    public static let all: [any PixelFormat.Type] = [
        I420.self, YV12.self, NV12.self, NV21.self, YUY2.self, UYVY.self, Y444.self, RGBA.self, BGRA.self,
        RGBx.self, BGRx.self, RGB.self, BGR.self, GRAY8.self, I420_10LE.self,
    ]

    /// The tag of `format`.
    public static func tag(for format: VideoFormat) -> (any PixelFormat.Type)? {
        all.first { $0.format == format }
    }
}
