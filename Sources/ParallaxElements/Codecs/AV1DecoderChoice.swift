#if AV1
import Glibc
import ParallaxCore

/// Which decoder `av1dec` uses and why: a pure function of its `prefer` property and of what Vulkan reports,
/// so every reason is tested without a device.
///
/// Parallax has no Vulkan Video decoder yet, so the decoder is always dav1d; the reason says what was found.
/// `av1dec` posts the choice when it starts decoding, and `parallax-launch -v` prints it:
/// ```
/// /pipeline0/av1dec0: decoding with dav1d (software): no Vulkan device decodes AV1 (llvmpipe (LLVM 15.0.6,
/// 256 bits): no video decode queue)
/// ```
/// ```swift
/// AV1DecoderChoice.choose(prefer: .software, vulkan: .notBuilt).text
/// // "decoding with dav1d (software): prefer=software"
/// ```
/// Thread: a value; any.
public struct AV1DecoderChoice: Sendable, Hashable {
    /// What Vulkan offers for AV1 decoding, as far as `av1dec` needs to know.
    public enum Vulkan: Sendable, Hashable {
        /// Parallax was built without the `Vulkan` trait.
        case notBuilt
        /// The decoder runs in an element host, whose sandbox keeps the Vulkan driver out (the driver's system
        /// calls would break the sandbox's rules): the loader is not asked.
        case inElementHost
        /// The loader gave no device (its error, `vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER`).
        case unavailable(String)
        /// The devices, each with why it does not decode AV1 (nil when it does).
        case devices([Device])
    }

    /// One device: its name, and why it does not decode AV1 (nil when it does).
    public struct Device: Sendable, Hashable {
        /// The device name as the driver reports it.
        public var name: String
        /// Why the device does not decode AV1 (`no video decode queue`), nil when it does.
        public var whyNot: String?

        /// A device as reported.
        public init(name: String, whyNot: String?) {
            self.name = name
            self.whyNot = whyNot
        }
    }

    /// The decoder's name (`dav1d`).
    public var decoder: String
    /// Whether the decoder runs on a GPU.
    public var hardware: Bool
    /// Why this decoder.
    public var reason: String

    /// A choice as made.
    public init(decoder: String, hardware: Bool, reason: String) {
        self.decoder = decoder
        self.hardware = hardware
        self.reason = reason
    }

    /// The sentence `av1dec` posts: `decoding with dav1d (software): <reason>`.
    public var text: String { "decoding with \(decoder) (\(hardware ? "hardware" : "software")): \(reason)" }

    /// The decoder for `prefer` given what Vulkan offers.
    public static func choose(prefer: AV1DecoderPreference, vulkan: Vulkan) -> AV1DecoderChoice {
        let reason: String
        switch (prefer, vulkan) {
        case (.software, _):
            reason = "prefer=software"
        case (.hardware, .notBuilt):
            reason = "Parallax was built without the Vulkan trait"
        case (.hardware, .inElementHost):
            reason = "it runs in an element host, whose sandbox keeps Vulkan out"
        case (.hardware, .unavailable(let error)):
            reason = error.hasPrefix("no Vulkan device") ? error : "no Vulkan device (\(error))"
        case (.hardware, .devices(let devices)):
            if let capable = devices.first(where: { $0.whyNot == nil }) {
                reason = "\(capable.name) decodes AV1 with Vulkan Video, but Parallax has no Vulkan Video decoder yet"
            } else {
                let why = devices.map { "\($0.name): \($0.whyNot ?? "")" }.joined(separator: "; ")
                reason = "no Vulkan device decodes AV1 (\(why.isEmpty ? "no devices" : why))"
            }
        }
        return AV1DecoderChoice(decoder: "dav1d", hardware: false, reason: reason)
    }

    /// The environment variable that marks an element host (`ParallaxHost.environmentKey`).
    static let elementHostKey = "PARALLAX_ELEMENT_HOST"

    /// What this process's Vulkan loader reports (read once per process); `.inElementHost` in an element host,
    /// `.notBuilt` without the trait.
    public static func vulkanHere() -> Vulkan {
        if getenv(elementHostKey) != nil { return .inElementHost }
        #if Vulkan
        return AV1DecoderChoice.probedVulkan()
        #else
        return .notBuilt
        #endif
    }
}
#endif  // AV1
