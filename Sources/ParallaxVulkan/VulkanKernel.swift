import CVulkan

/// A compute shader ready to run: its pipeline, a descriptor set of storage buffers, push constants, and a
/// command buffer with a fence to run it synchronously.
///
/// ```
/// run(buffers: [input, output], constants: [...], groups: (x, y))
///   record: bind pipeline + set, push constants, dispatch, barrier (shader write → host read)
///   submit on the device's queue, wait on the fence
/// ```
/// After `run` returns, what the shader wrote is visible through the buffers' mappings.
///
/// ```swift
/// let kernel = try VulkanKernel(device: .shared(), code: VulkanShaders.convert, bindings: 2, constantBytes: 128)
/// try kernel.run(buffers: [input.buffer, output.buffer], constants: words, groups: (64, 1))
/// ```
/// Thread: one thread at a time (an element's streaming thread); the device's queue is shared safely.
public final class VulkanKernel: @unchecked Sendable {  // unchecked: used by one streaming thread at a time
    /// The device it runs on.
    public let device: VulkanDevice
    private let bindings: Int
    private let constantBytes: Int
    private var module: VkShaderModule?
    private var setLayout: VkDescriptorSetLayout?
    private var pipelineLayout: VkPipelineLayout?
    private var pipeline: VkPipeline?
    private var descriptorPool: VkDescriptorPool?
    private var descriptorSet: VkDescriptorSet?
    private var commandPool: VkCommandPool?
    private var commandBuffer: VkCommandBuffer?
    private var fence: VkFence?

    /// A kernel for the SPIR-V `code` (entry point `main`), with `bindings` storage buffers at bindings 0…n−1
    /// and `constantBytes` of push constants.
    public init(device: VulkanDevice, code: [UInt32], bindings: Int, constantBytes: Int) throws(VulkanError) {
        self.device = device
        self.bindings = bindings
        self.constantBytes = constantBytes
        let d = device.device
        var result = code.withUnsafeBufferPointer { words in
            var info = VkShaderModuleCreateInfo()
            info.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO
            info.codeSize = words.count * 4
            info.pCode = words.baseAddress
            return vkCreateShaderModule(d, &info, nil, &module)
        }
        try VulkanError.check(result, "vkCreateShaderModule")
        var layoutBindings = (0..<bindings).map { index in
            var binding = VkDescriptorSetLayoutBinding()
            binding.binding = UInt32(index)
            binding.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
            binding.descriptorCount = 1
            binding.stageFlags = VkShaderStageFlags(VK_SHADER_STAGE_COMPUTE_BIT.rawValue)
            return binding
        }
        result = layoutBindings.withUnsafeMutableBufferPointer { items in
            var info = VkDescriptorSetLayoutCreateInfo()
            info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO
            info.bindingCount = UInt32(items.count)
            info.pBindings = UnsafePointer(items.baseAddress)
            return vkCreateDescriptorSetLayout(d, &info, nil, &setLayout)
        }
        try VulkanError.check(result, "vkCreateDescriptorSetLayout")
        var range = VkPushConstantRange()
        range.stageFlags = VkShaderStageFlags(VK_SHADER_STAGE_COMPUTE_BIT.rawValue)
        range.size = UInt32(constantBytes)
        result = withUnsafePointer(to: &setLayout) { layouts in
            withUnsafePointer(to: &range) { ranges in
                var info = VkPipelineLayoutCreateInfo()
                info.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO
                info.setLayoutCount = 1
                info.pSetLayouts = layouts
                info.pushConstantRangeCount = constantBytes > 0 ? 1 : 0
                info.pPushConstantRanges = ranges
                return vkCreatePipelineLayout(d, &info, nil, &pipelineLayout)
            }
        }
        try VulkanError.check(result, "vkCreatePipelineLayout")
        result = "main".withCString { entry in
            var info = VkComputePipelineCreateInfo()
            info.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO
            info.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO
            info.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT
            info.stage.module = module
            info.stage.pName = entry
            info.layout = pipelineLayout
            return vkCreateComputePipelines(d, nil, 1, &info, nil, &pipeline)
        }
        try VulkanError.check(result, "vkCreateComputePipelines")
        var size = VkDescriptorPoolSize(type: VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, descriptorCount: UInt32(bindings))
        result = withUnsafePointer(to: &size) { sizes in
            var info = VkDescriptorPoolCreateInfo()
            info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO
            info.maxSets = 1
            info.poolSizeCount = 1
            info.pPoolSizes = sizes
            return vkCreateDescriptorPool(d, &info, nil, &descriptorPool)
        }
        try VulkanError.check(result, "vkCreateDescriptorPool")
        result = withUnsafePointer(to: &setLayout) { layouts in
            var info = VkDescriptorSetAllocateInfo()
            info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO
            info.descriptorPool = descriptorPool
            info.descriptorSetCount = 1
            info.pSetLayouts = layouts
            return vkAllocateDescriptorSets(d, &info, &descriptorSet)
        }
        try VulkanError.check(result, "vkAllocateDescriptorSets")
        var poolInfo = VkCommandPoolCreateInfo()
        poolInfo.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO
        poolInfo.flags = VkCommandPoolCreateFlags(VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT.rawValue)
        poolInfo.queueFamilyIndex = device.queueFamily
        try VulkanError.check(vkCreateCommandPool(d, &poolInfo, nil, &commandPool), "vkCreateCommandPool")
        var allocate = VkCommandBufferAllocateInfo()
        allocate.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO
        allocate.commandPool = commandPool
        allocate.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY
        allocate.commandBufferCount = 1
        try VulkanError.check(vkAllocateCommandBuffers(d, &allocate, &commandBuffer), "vkAllocateCommandBuffers")
        var fenceInfo = VkFenceCreateInfo()
        fenceInfo.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO
        try VulkanError.check(vkCreateFence(d, &fenceInfo, nil, &fence), "vkCreateFence")
    }

    deinit {
        let d = device.device
        if let fence { vkDestroyFence(d, fence, nil) }
        if let commandPool { vkDestroyCommandPool(d, commandPool, nil) }
        if let descriptorPool { vkDestroyDescriptorPool(d, descriptorPool, nil) }
        if let pipeline { vkDestroyPipeline(d, pipeline, nil) }
        if let pipelineLayout { vkDestroyPipelineLayout(d, pipelineLayout, nil) }
        if let setLayout { vkDestroyDescriptorSetLayout(d, setLayout, nil) }
        if let module { vkDestroyShaderModule(d, module, nil) }
    }

    /// Runs the shader once over `groups` workgroups with `buffers` at bindings 0…n−1 and `constants` as push
    /// constants, and waits until it has finished.
    public func run(buffers: [VkBuffer], constants: [UInt32], groups: (x: UInt32, y: UInt32)) throws(VulkanError) {
        guard buffers.count == bindings, constants.count * 4 <= constantBytes else {
            throw VulkanError("a kernel with \(bindings) buffers and \(constantBytes) constant bytes was run with "
                                + "\(buffers.count) buffers and \(constants.count * 4) constant bytes")
        }
        guard let commandBuffer, let fence, let pipeline, let pipelineLayout else {
            throw VulkanError("the kernel was not made")
        }
        let d = device.device
        let infos = buffers.map { VkDescriptorBufferInfo(buffer: $0, offset: 0, range: VkDeviceSize(VK_WHOLE_SIZE)) }
        infos.withUnsafeBufferPointer { infos in
            var writes = (0..<bindings).map { index in
                var write = VkWriteDescriptorSet()
                write.sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET
                write.dstSet = descriptorSet
                write.dstBinding = UInt32(index)
                write.descriptorCount = 1
                write.descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER
                write.pBufferInfo = infos.baseAddress.map { $0 + index }
                return write
            }
            vkUpdateDescriptorSets(d, UInt32(writes.count), &writes, 0, nil)
        }
        try VulkanError.check(vkResetCommandBuffer(commandBuffer, 0), "vkResetCommandBuffer")
        var begin = VkCommandBufferBeginInfo()
        begin.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO
        begin.flags = VkCommandBufferUsageFlags(VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT.rawValue)
        try VulkanError.check(vkBeginCommandBuffer(commandBuffer, &begin), "vkBeginCommandBuffer")
        vkCmdBindPipeline(commandBuffer, VK_PIPELINE_BIND_POINT_COMPUTE, pipeline)
        vkCmdBindDescriptorSets(commandBuffer, VK_PIPELINE_BIND_POINT_COMPUTE, pipelineLayout, 0, 1, &descriptorSet, 0, nil)
        if !constants.isEmpty {
            constants.withUnsafeBytes { bytes in
                vkCmdPushConstants(commandBuffer, pipelineLayout, VkShaderStageFlags(VK_SHADER_STAGE_COMPUTE_BIT.rawValue),
                                   0, UInt32(bytes.count), bytes.baseAddress)
            }
        }
        vkCmdDispatch(commandBuffer, groups.x, groups.y, 1)
        var barrier = VkMemoryBarrier()
        barrier.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER
        barrier.srcAccessMask = VkAccessFlags(VK_ACCESS_SHADER_WRITE_BIT.rawValue)
        barrier.dstAccessMask = VkAccessFlags(VK_ACCESS_HOST_READ_BIT.rawValue)
        vkCmdPipelineBarrier(commandBuffer, VkPipelineStageFlags(VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT.rawValue),
                             VkPipelineStageFlags(VK_PIPELINE_STAGE_HOST_BIT.rawValue), 0, 1, &barrier, 0, nil, 0, nil)
        try VulkanError.check(vkEndCommandBuffer(commandBuffer), "vkEndCommandBuffer")
        var fences: VkFence? = fence
        try VulkanError.check(vkResetFences(d, 1, &fences), "vkResetFences")
        try device.submit(commandBuffer, fence: fence)
        try VulkanError.check(vkWaitForFences(d, 1, &fences, VkBool32(VK_TRUE), UInt64.max), "vkWaitForFences")
    }

    /// Workgroups for `count` invocations of `localSize` each, spread over x and y so neither exceeds 65,535
    /// (the shader numbers invocations `x + y · groupsX · localSize`).
    public static func groups(count: Int, localSize: Int) -> (x: UInt32, y: UInt32) {
        let total = Swift.max(1, (count + localSize - 1) / localSize)
        let x = Swift.min(total, 65_535)
        return (UInt32(x), UInt32((total + x - 1) / x))
    }
}
