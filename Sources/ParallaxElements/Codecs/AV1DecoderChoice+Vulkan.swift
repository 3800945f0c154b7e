#if AV1 && Vulkan
import ParallaxVulkan

extension AV1DecoderChoice {
    /// What `VulkanVideoProbe` reports, as `av1dec` needs it.
    static func probedVulkan() -> Vulkan {
        do throws(VulkanError) {
            let devices = try VulkanVideoProbe.shared()
            return .devices(devices.map { Device(name: $0.name, whyNot: $0.whyNotDecoding(.av1)) })
        } catch {
            return .unavailable(error.message)
        }
    }
}
#endif
