/// Fixed raw video caps decoded into numbers: format, size, rate and the frame layout.
///
/// Example: `VideoInfo(caps: try Caps(parsing: "video/x-raw,format=I420,width=320,height=240,framerate=30/1"))`
/// gives `size == 115200`, `strides == [320, 160, 160]`.
public struct VideoInfo: Sendable, Hashable {
    /// The pixel format.
    public var format: VideoFormat
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Frames per second (0/1 for variable rate).
    public var framerate: Fraction
    /// Bytes per row of each plane.
    public var strides: [Int]
    /// Offset of each plane from the start of the frame.
    public var offsets: [Int]
    /// Bytes in one frame.
    public var size: Int

    /// The bound on `width × height × 8` (8 bytes being the most a pixel takes), 4 GiB: 16384×16384 passes;
    /// larger caps are not decoded, so elements refuse them with an error instead of overflowing the plane
    /// arithmetic or failing to allocate frames.
    public static let maximumFrameSize = 1 << 32

    /// Decodes fixed `video/x-raw` caps; nil when a field is missing, the format is unknown or the frame is
    /// too large (`maximumFrameSize`).
    public init?(caps: Caps) {
        guard caps.isFixed, let s = caps.structures.first, s.name == "video/x-raw",
            case .string(let name)? = s["format"], let format = VideoFormat(name: name),
            case .int(let width)? = s["width"], case .int(let height)? = s["height"], width > 0, height > 0,
            Double(width) * Double(height) * 8 < Double(Self.maximumFrameSize)
        else { return nil }
        var rate = Fraction(0, 1)
        if case .fraction(let f)? = s["framerate"] { rate = f }
        self.init(format: format, width: width, height: height, framerate: rate)
    }

    /// Describes a `width × height` frame of `format` at `framerate`.
    public init(format: VideoFormat, width: Int, height: Int, framerate: Fraction = Fraction(30, 1)) {
        self.format = format
        self.width = width
        self.height = height
        self.framerate = framerate
        (strides, offsets, size) = format.layout(width: width, height: height)
    }

    /// The fixed caps for this description.
    public var caps: Caps {
        Caps("video/x-raw", [
            ("format", .string(format.name)), ("width", .int(width)), ("height", .int(height)),
            ("framerate", .fraction(framerate)),
        ])
    }
}
