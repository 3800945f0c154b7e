/// Uncompressed video frames in pixel format `Format` (`video/x-raw, format=…`).
///
/// Example: `RawVideo<I420>.caps` → `video/x-raw, format=(string)I420`;
/// `RawVideo<AnyPixelFormat>.caps` lists every 8-bit format Parallax can process (`VideoFormat.eightBitFormats`);
/// deeper formats such as `I420_10LE` appear only in the templates of the elements that handle them.
public enum RawVideo<Format: PixelFormat>: MediaType {
    public static var caps: Caps {
        if let format = Format.format {
            return Caps("video/x-raw", [("format", .string(format.name))])
        }
        return Caps("video/x-raw", [("format", .list(VideoFormat.eightBitFormats.map { .string($0.name) }))])
    }
}
