#if Network
import ParallaxCore

/// How RFC 4175 names a raw video format (`sampling`), and its pixel group: the bytes that carry
/// `pixels` pixels of one line. Only single-line groups are supported (no 4:2:0 yet).
struct RawVideoSampling: Equatable {
    let format: VideoFormat
    let name: String
    let bytes: Int
    let pixels: Int

    static let all = [
        RawVideoSampling(format: .rgb, name: "RGB", bytes: 3, pixels: 1),
        RawVideoSampling(format: .rgba, name: "RGBA", bytes: 4, pixels: 1),
        RawVideoSampling(format: .bgr, name: "BGR", bytes: 3, pixels: 1),
        RawVideoSampling(format: .bgra, name: "BGRA", bytes: 4, pixels: 1),
        RawVideoSampling(format: .uyvy, name: "YCbCr-4:2:2", bytes: 4, pixels: 2),
    ]

    static func named(_ name: String) -> RawVideoSampling? { all.first { $0.name == name } }
    static func of(_ format: VideoFormat) -> RawVideoSampling? { all.first { $0.format == format } }

    /// RFC 4175's colorimetry for the format, as GStreamer's rtpvrawpay writes it.
    var colorimetry: String { format == .uyvy ? "BT601-5" : "SMPTE240M" }

    /// Caps values listing every supported sampling / format.
    static var samplingList: CapsValue { .list(all.map { .string($0.name) }) }
    static var formatList: CapsValue { .list(all.map { .string($0.format.rawValue) }) }
}
#endif  // Network
