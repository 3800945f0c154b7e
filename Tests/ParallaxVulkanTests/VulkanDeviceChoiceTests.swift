import CVulkan
import ParallaxVulkan
import Testing

@Suite struct VulkanDeviceChoiceTests {
    static let compute = VkQueueFlags(VK_QUEUE_COMPUTE_BIT.rawValue)
    static let graphics = VkQueueFlags(VK_QUEUE_GRAPHICS_BIT.rawValue)
    static let transfer = VkQueueFlags(VK_QUEUE_TRANSFER_BIT.rawValue)
    static let both = compute | graphics | transfer

    static func candidate(_ name: String, _ kind: VulkanDeviceKind, _ families: [VkQueueFlags]) -> VulkanDeviceChoice.Candidate {
        .init(name: name, kind: kind, queueFamilies: families)
    }

    @Test func discreteBeatsIntegratedBeatsCPU() {
        let cpu = Self.candidate("llvmpipe", .cpu, [Self.both])
        let integrated = Self.candidate("igpu", .integrated, [Self.both])
        let discrete = Self.candidate("dgpu", .discrete, [Self.both])
        #expect(VulkanDeviceChoice.choose([cpu, integrated, discrete])! == (2, 0))
        #expect(VulkanDeviceChoice.choose([cpu, integrated])! == (1, 0))
        #expect(VulkanDeviceChoice.choose([cpu])! == (0, 0))
    }

    @Test func theFirstOfOneKindWins() {
        let a = Self.candidate("a", .integrated, [Self.both]), b = Self.candidate("b", .integrated, [Self.both])
        #expect(VulkanDeviceChoice.choose([a, b])! == (0, 0))
    }

    @Test func aDeviceWithoutComputeIsPassedOver() {
        let drawOnly = Self.candidate("draw", .discrete, [Self.graphics, Self.transfer])
        let cpu = Self.candidate("llvmpipe", .cpu, [Self.both])
        #expect(VulkanDeviceChoice.choose([drawOnly, cpu])! == (1, 0))
        #expect(VulkanDeviceChoice.choose([drawOnly]) == nil)
        #expect(VulkanDeviceChoice.choose([]) == nil)
    }

    @Test func aDedicatedComputeFamilyIsPreferred() {
        #expect(VulkanDeviceChoice.computeQueueFamily([Self.both, Self.transfer, Self.compute | Self.transfer]) == 2)
        #expect(VulkanDeviceChoice.computeQueueFamily([Self.graphics, Self.both]) == 1)
        #expect(VulkanDeviceChoice.computeQueueFamily([Self.graphics, Self.transfer]) == nil)
    }

    @Test func kindsFromDeviceTypes() {
        #expect(VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU) == .discrete)
        #expect(VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU) == .integrated)
        #expect(VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU) == .virtual)
        #expect(VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_CPU) == .cpu)
        #expect(VulkanDeviceKind(VK_PHYSICAL_DEVICE_TYPE_OTHER) == .other)
    }

    @Test func memoryTypePrefersDeviceLocalMappable() {
        let visible = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT.rawValue)
        let coherent = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_HOST_COHERENT_BIT.rawValue)
        let local = VkMemoryPropertyFlags(VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT.rawValue)
        #expect(VulkanDevice.memoryType([local, visible | coherent, local | visible | coherent]) == 2)
        #expect(VulkanDevice.memoryType([local, visible | coherent]) == 1)
        #expect(VulkanDevice.memoryType([local, visible]) == nil)
    }

    @Test func errorsNameTheCallAndTheResult() {
        #expect(VulkanError(call: "vkCreateInstance", result: VK_ERROR_INCOMPATIBLE_DRIVER).description
            == "vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER")
        #expect(VulkanError(call: "vkQueueSubmit", result: VK_ERROR_DEVICE_LOST).message
            == "vkQueueSubmit failed: VK_ERROR_DEVICE_LOST")
        #expect(VulkanError.name(of: VK_ERROR_OUT_OF_DEVICE_MEMORY) == "VK_ERROR_OUT_OF_DEVICE_MEMORY")
        #expect(VulkanError.name(of: VkResult(rawValue: -424242)) == "VkResult(-424242)")
    }
}
