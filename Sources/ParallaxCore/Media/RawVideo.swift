/// Uncompressed video frames in pixel format `Format` (`video/x-raw, format=…`).
///
/// Example: `RawVideo<I420>.caps` → `video/x-raw, format=(string)I420`;
/// `RawVideo<AnyPixelFormat>.caps` lists every format Parallax can process.
public enum RawVideo<Format: PixelFormat>: MediaType {
    public static var caps: Caps {
        if let format = Format.format {
            return Caps("video/x-raw", [("format", .string(format.name))])
        }
        return Caps("video/x-raw", [("format", .list(VideoFormat.allCases.map { .string($0.name) }))])
    }
}
