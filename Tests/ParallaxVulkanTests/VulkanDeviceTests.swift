import CVulkan
import ParallaxCore
import ParallaxVulkan
import Testing

@Suite struct VulkanDeviceTests {
    @Test func theSharedDeviceIsMadeOnceAndComputes() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        #expect(try VulkanDevice.shared() === device)
        #expect(!device.name.isEmpty)
    }

    @Test func poolBuffersAreGPUMemoryAndComeBack() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        let pool = VulkanBufferPool(device: device, size: 1000)
        var buffer = try pool.makeBuffer()
        #expect(buffer.length == 1000)
        #expect(buffer.storage.arena?.memoryType == .gpu)
        let arena = try #require(buffer.storage.arena as? VulkanBufferArena)
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: 0xAB, toByteOffset: 999, as: UInt8.self) }
        #expect(arena.mapped.load(fromByteOffset: 999, as: UInt8.self) == 0xAB)
        buffer.release()
        #expect(pool.freeCount == 1)
        let again = try pool.makeBuffer()
        #expect(again.storage.arena === arena)
        pool.close()
        #expect(pool.freeCount == 0)
    }

    @Test func aKernelRunsAShaderOverBuffers() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        let kernel = try VulkanKernel(device: device, code: VulkanShaders.convert, bindings: 3, constantBytes: 0)
        #expect(throws: VulkanError("a kernel with 3 buffers and 0 constant bytes was run with 0 buffers and 0 constant bytes")) {
            try kernel.run(buffers: [], constants: [], groups: (1, 1))
        }
    }

    @Test func groupsStayWithinTheDispatchLimit() {
        #expect(VulkanKernel.groups(count: 100, localSize: 64) == (2, 1))
        #expect(VulkanKernel.groups(count: 64 * 70_000, localSize: 64) == (65_535, 2))
        #expect(VulkanKernel.groups(count: 0, localSize: 64) == (1, 1))
    }
}
