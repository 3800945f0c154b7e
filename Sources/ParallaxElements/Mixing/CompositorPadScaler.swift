import ParallaxCore

/// One compositor pad's picture drawn at another size (`sink_1::width=320 sink_1::height=180`): the pad's
/// frames scaled bilinearly, as `videoscale method=bilinear` would, into a frame of the drawn size kept here.
/// A picture is scaled once, when it first shows, however many output frames show it.
///
/// Thread: made in `setInputCaps`; `scaled` runs on the compositor's streaming thread.
struct CompositorPadScaler {
    /// The picture as drawn.
    let drawn: VideoInfo
    private let channels: [VideoScaleChannel]
    private var frame: Buffer
    private var shown: (storage: ObjectIdentifier, pts: ClockTime?)?

    /// A scaler from `input` frames to `width × height`, or nil when the sizes are equal (drawn as they come).
    init?(from input: VideoInfo, width: Int, height: Int) {
        guard width != input.width || height != input.height else { return nil }
        let drawn = VideoInfo(format: input.format, width: width, height: height, framerate: input.framerate)
        self.drawn = drawn
        channels = VideoScaleChannel.channels(from: input, to: drawn, method: .bilinear)
        frame = Buffer(capacity: drawn.size)
    }

    /// The scaled picture of `buffer`, made when `buffer` is not the one scaled last.
    mutating func scaled(_ buffer: Buffer) -> UnsafeRawPointer? {
        let key = (ObjectIdentifier(buffer.storage), buffer.pts)
        if shown.map({ $0.storage != key.0 || $0.pts != key.1 }) ?? true {
            let channels = channels
            buffer.withUnsafeBytes { source in
                frame.withUnsafeMutableBytes { target in for channel in channels { channel.scale(source, into: target) } }
            }
            shown = key
        }
        return frame.storage.base.map(UnsafeRawPointer.init)
    }
}
