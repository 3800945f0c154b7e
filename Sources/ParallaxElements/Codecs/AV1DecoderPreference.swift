#if AV1
import ParallaxCore

/// `av1dec`'s `prefer` property: which decoder to look for first.
///
/// ```
/// parallax-launch -v filesrc location=in.ivf ! ivfparse ! av1dec prefer=software ! fakesink
/// ```
/// Parallax has no Vulkan Video decoder yet, so `hardware` ends in dav1d too; what changes is the reason
/// `av1dec` gives (`AV1DecoderChoice`).
/// Thread: a value; any.
public enum AV1DecoderPreference: Int, PropertyEnum {
    /// Vulkan Video where a device decodes AV1, else dav1d.
    case hardware = 0
    /// dav1d, without looking for a device.
    case software = 1

    /// The nick written in launch strings.
    public var nick: String {
        switch self {
        case .hardware: "hardware"
        case .software: "software"
        }
    }

    /// The description `--inspect` shows for this value.
    public var blurb: String {
        switch self {
        case .hardware: "Vulkan Video where a device decodes AV1 (no such decoder is built yet), else dav1d"
        case .software: "dav1d, without looking for a Vulkan device"
        }
    }
}
#endif  // AV1
