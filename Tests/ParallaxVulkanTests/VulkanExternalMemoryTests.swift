import Glibc
import ParallaxVulkan
import Testing

/// GPU memory shared as a descriptor (`VK_KHR_external_memory_fd`): exported by one device object, imported by
/// another made separately (its own instance and logical device, as a second process would have).
@Suite struct VulkanExternalMemoryTests {
    @Test func importedMemoryIsTheExportedMemory() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        guard device.exportsMemory else {
            print("skipped: \(device.name) lacks VK_KHR_external_memory_fd")
            return
        }
        let size = 4099
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let arena = try VulkanBufferArena(device: device, size: size, exportable: true)
        bytes.withUnsafeBytes { arena.mapped.copyMemory(from: $0.baseAddress!, byteCount: size) }
        let other = try VulkanDevice()
        let imported = try VulkanBufferArena(device: other, size: size, importing: try arena.exportDescriptor())
        #expect(Array(UnsafeRawBufferPointer(start: imported.mapped, count: size)) == bytes)
        imported.mapped.storeBytes(of: 0xAB, toByteOffset: 5, as: UInt8.self)
        #expect(arena.mapped.load(fromByteOffset: 5, as: UInt8.self) == 0xAB)
    }

    @Test func eachExportIsANewDescriptor() throws {
        guard let device = try VulkanTestDevice.available(), device.exportsMemory else { return }
        let arena = try VulkanBufferArena(device: device, size: 64, exportable: true)
        let first = try arena.exportDescriptor(), second = try arena.exportDescriptor()
        defer {
            close(first)
            close(second)
        }
        #expect(first >= 0 && second >= 0 && first != second)
    }

    @Test func lavapipeExportsMemory() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        guard device.name.hasPrefix("llvmpipe") else {
            print("skipped: the device is \(device.name), not lavapipe")
            return
        }
        #expect(device.exportsMemory)
    }
}
