import ParallaxCore

/// When `multifilesink` starts a new file (GStreamer's `GstMultiFileSinkNext`, same numbers and nicks; the
/// force-key-unit mode is not offered).
public enum MultiFileSinkNext: Int, PropertyEnum {
    /// A file per buffer.
    case buffer = 0
    /// A new file after each discontinuity.
    case discont = 1
    /// A new file at each key frame.
    case keyFrame = 2
    /// A new file when the next buffer would pass `max-file-size`.
    case maxSize = 4
    /// A new file when the next buffer would pass `max-file-duration`.
    case maxDuration = 5

    /// The nick written in launch strings, as GStreamer spells it.
    public var nick: String {
        switch self {
        case .buffer: "buffer"
        case .discont: "discont"
        case .keyFrame: "key-frame"
        case .maxSize: "max-size"
        case .maxDuration: "max-duration"
        }
    }

    /// The description `--inspect` shows, as GStreamer's.
    public var blurb: String {
        switch self {
        case .buffer: "New file for each buffer"
        case .discont: "New file after each discontinuity"
        case .keyFrame: "New file at each key frame (Useful for MPEG-TS segmenting)"
        case .maxSize:
            "New file when the configured maximum file size would be exceeded with the next buffer or buffer list"
        case .maxDuration:
            "New file when the configured maximum file duration would be exceeded with the next buffer or buffer list"
        }
    }
}
