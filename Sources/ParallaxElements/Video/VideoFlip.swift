import ParallaxCore

/// `videoflip`: rotates raw video by 90° steps or mirrors it — GStreamer's videoflip, with its `method` and
/// `video-direction` properties (two names for one setting).
///
/// Every format of `VideoFormat` is supported. Planar and packed formats move whole samples (a 4:2:0 chroma
/// plane is rotated at its own size, an NV12 U,V pair stays a pair); YUY2 and UYVY are repacked as GStreamer
/// does: after a rotation or a diagonal flip each output U and V is the mean of the two source samples that
/// now lie side by side. Rotations and diagonal flips go through the frame in 32×32 tiles of 4×4 SIMD
/// transposes (8×8 in 64-bit words for byte planes), so both frames stay in cache at 1080p.
///
/// ```
/// parallax-launch videotestsrc ! video/x-raw,width=640,height=480 ! videoflip method=clockwise ! fakesink
/// ```
/// Negotiation: `clockwise`, `counterclockwise`, `upper-left-diagonal` and `upper-right-diagonal` swap width
/// and height in both directions; the other methods keep the size. `identity` passes buffers through.
/// Thread: `process` runs on the streaming thread of the element's segment.
public struct VideoFlip: RawVideoFilter {
    /// Any raw video format.
    public typealias Input = RawVideo<AnyPixelFormat>
    /// The same format, rotated or mirrored.
    public typealias Output = RawVideo<AnyPixelFormat>

    /// The `video-direction` values (GStreamer's `GstVideoOrientationMethod`, same values and nicks).
    public enum Orientation: Int, PropertyEnum {
        /// No change.
        case identity = 0
        /// Rotate clockwise by 90°.
        case rotate90Right = 1
        /// Rotate by 180°.
        case rotate180 = 2
        /// Rotate counter-clockwise by 90°.
        case rotate90Left = 3
        /// Mirror left to right.
        case horizontal = 4
        /// Mirror top to bottom.
        case vertical = 5
        /// Flip across the upper-left / lower-right diagonal (transpose).
        case upperLeftDiagonal = 6
        /// Flip across the upper-right / lower-left diagonal.
        case upperRightDiagonal = 7

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            ["identity", "90r", "180", "90l", "horiz", "vert", "ul-lr", "ur-ll"][rawValue]
        }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String {
            "GST_VIDEO_ORIENTATION_" + ["IDENTITY", "90R", "180", "90L", "HORIZ", "VERT", "UL_LR", "UR_LL"][rawValue]
        }

        /// Whether the output is the input's transpose in size (width and height swap).
        public var swapsSize: Bool {
            switch self {
            case .rotate90Right, .rotate90Left, .upperLeftDiagonal, .upperRightDiagonal: true
            case .identity, .rotate180, .horizontal, .vertical: false
            }
        }
    }

    /// The `method` values (GStreamer's deprecated `GstVideoFlipMethod`): the same settings as `Orientation`,
    /// with older nicks.
    public enum Method: Int, PropertyEnum {
        /// No change.
        case none = 0
        /// Rotate clockwise by 90°.
        case clockwise = 1
        /// Rotate by 180°.
        case rotate180 = 2
        /// Rotate counter-clockwise by 90°.
        case counterclockwise = 3
        /// Mirror left to right.
        case horizontalFlip = 4
        /// Mirror top to bottom.
        case verticalFlip = 5
        /// Flip across the upper-left / lower-right diagonal.
        case upperLeftDiagonal = 6
        /// Flip across the upper-right / lower-left diagonal.
        case upperRightDiagonal = 7

        /// The nick written in launch strings, as GStreamer spells it.
        public var nick: String {
            [
                "none", "clockwise", "rotate-180", "counterclockwise", "horizontal-flip", "vertical-flip",
                "upper-left-diagonal", "upper-right-diagonal",
            ][rawValue]
        }

        /// The description `--inspect` shows, as GStreamer's.
        public var blurb: String {
            [
                "Identity (no rotation)", "Rotate clockwise 90 degrees", "Rotate 180 degrees",
                "Rotate counter-clockwise 90 degrees", "Flip horizontally", "Flip vertically",
                "Flip across upper left/lower right diagonal", "Flip across upper right/lower left diagonal",
            ][rawValue]
        }
    }

    /// The rotation or flip (`video-direction`); default `identity`.
    public var videoDirection: Orientation = .identity

    /// The same setting under its older name (`method`).
    public var method: Method {
        get { Method(rawValue: videoDirection.rawValue) ?? .none }
        set { videoDirection = Orientation(rawValue: newValue.rawValue) ?? .identity }
    }

    private var inputInfo: VideoInfo?
    private var outputInfo: VideoInfo?

    /// A flipper that changes nothing (GStreamer's default).
    public init() {}

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "videoflip", longName: "Video flipper", klass: "Filter/Effect/Video",
        description: "Flips and rotates video",
        properties: [
            .enumeration(
                "method", \.method, typeName: "GstVideoFlipMethod",
                "method (deprecated, use video-direction instead)"),
            .enumeration(
                "video-direction", \.videoDirection, typeName: "GstVideoOrientationMethod",
                "Video direction: rotation and flipping"),
        ])

    /// `identity` only restamps nothing and passes the buffer on.
    public var isPassthrough: Bool { videoDirection == .identity }

    /// The other side has the same fields, with width and height swapped for the rotations by 90° and the
    /// diagonal flips (the same in both directions).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        if caps.isAny { return caps }
        var structures: [CapsStructure] = []
        for var structure in caps.intersection(Input.caps).structures {
            if videoDirection.swapsSize {
                let width = structure["width"], height = structure["height"]
                structure["width"] = height
                structure["height"] = width
            }
            if !structures.contains(structure) { structures.append(structure) }
        }
        return Caps(structures)
    }

    /// Decodes both sides and checks that their sizes agree with the method.
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {
        let (inInfo, outInfo) = try VideoInfo.sides("videoflip", "flip", input: input, output: output)
        let expected = videoDirection.swapsSize ? (inInfo.height, inInfo.width) : (inInfo.width, inInfo.height)
        guard (outInfo.width, outInfo.height) == expected else {
            throw ElementError(
                "videoflip \(videoDirection.nick) turns \(inInfo.width)×\(inInfo.height) into \(expected.0)×\(expected.1), not \(outInfo.width)×\(outInfo.height)."
            )
        }
        inputInfo = inInfo
        outputInfo = outInfo
    }

    /// One output frame.
    public func outputSize(for caps: Caps) -> Int? { VideoInfo(caps: caps)?.size }

    /// Rotates or mirrors one frame.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        if isPassthrough { return .ok }  // the buffer goes on as it is
        guard let inputInfo, let outputInfo else { throw ElementError("videoflip was not negotiated.") }
        let orientation = videoDirection
        try ctx.transformFrame("videoflip", from: inputInfo, to: outputInfo) { source, destination in
            VideoFlipKernel.flip(source, inputInfo, into: destination, outputInfo, orientation)
        }
        return .ok
    }
}
