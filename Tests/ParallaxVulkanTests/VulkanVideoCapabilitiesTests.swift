import CVulkan
import ParallaxVulkan
import Testing

@Suite struct VulkanVideoCapabilitiesTests {
    static let compute = VkQueueFlags(VK_QUEUE_COMPUTE_BIT.rawValue | VK_QUEUE_GRAPHICS_BIT.rawValue | VK_QUEUE_TRANSFER_BIT.rawValue)
    static let decode = VkQueueFlags(VK_QUEUE_VIDEO_DECODE_BIT_KHR.rawValue | VK_QUEUE_TRANSFER_BIT.rawValue)
    static let h264 = UInt32(VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR.rawValue)
    static let h265 = UInt32(VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR.rawValue)
    static let av1: UInt32 = 0x4
    static let video: Set<String> = ["VK_KHR_video_queue", "VK_KHR_video_decode_queue"]

    /// A GPU with a decode queue for `operations` and the extensions named.
    static func gpu(_ extensions: Set<String>, operations: UInt32) -> VulkanVideoCapabilities {
        VulkanVideoCapabilities(
            name: "GPU", extensions: extensions,
            queueFamilies: [.init(flags: compute), .init(flags: decode, videoCodecOperations: operations)])
    }

    @Test func aComputeOnlyDeviceDecodesNothing() {
        let lavapipe = VulkanVideoCapabilities(name: "llvmpipe", extensions: ["VK_KHR_external_memory_fd"],
                                               queueFamilies: [.init(flags: Self.compute)])
        for codec in VulkanVideoCodec.allCases {
            #expect(!lavapipe.decodes(codec))
            #expect(lavapipe.whyNotDecoding(codec) == "no video decode queue")
            #expect(lavapipe.decodeQueueFamily(codec) == nil)
        }
    }

    @Test func aDeviceWithEverythingDecodesWithItsDecodeFamily() {
        let all = Self.gpu(Self.video.union(VulkanVideoCodec.allCases.map(\.decodeExtension)),
                           operations: Self.h264 | Self.h265 | Self.av1)
        for codec in VulkanVideoCodec.allCases {
            #expect(all.decodes(codec))
            #expect(all.decodeQueueFamily(codec) == 1)
        }
    }

    @Test func theCodecsExtensionIsNeeded() {
        // An H.264/H.265 decoder from before AV1 decode: its queue may even claim the AV1 bit.
        let older = Self.gpu(Self.video.union(["VK_KHR_video_decode_h264", "VK_KHR_video_decode_h265"]),
                             operations: Self.h264 | Self.h265 | Self.av1)
        #expect(older.decodes(.h264))
        #expect(older.decodes(.h265))
        #expect(!older.decodes(.av1))
        #expect(older.whyNotDecoding(.av1) == "no VK_KHR_video_decode_av1")
    }

    @Test func theVideoExtensionsAreNeeded() {
        let bare = Self.gpu(["VK_KHR_video_decode_av1"], operations: Self.av1)
        #expect(bare.whyNotDecoding(.av1) == "no VK_KHR_video_queue, VK_KHR_video_decode_queue")
    }

    @Test func aDecodeQueueMustDoTheCodec() {
        let h264Only = Self.gpu(Self.video.union(["VK_KHR_video_decode_h264", "VK_KHR_video_decode_av1"]),
                                operations: Self.h264)
        #expect(h264Only.decodes(.h264))
        #expect(h264Only.whyNotDecoding(.av1) == "no video decode queue for AV1")
    }

    @Test func codecsNameTheirExtensionAndBit() {
        #expect(VulkanVideoCodec.allCases.map(\.decodeExtension)
            == ["VK_KHR_video_decode_h264", "VK_KHR_video_decode_h265", "VK_KHR_video_decode_av1"])
        #expect(VulkanVideoCodec.allCases.map(\.decodeOperation) == [0x1, 0x2, 0x4])
    }

    /// The probe on this machine's driver: lavapipe computes and has no video queue.
    @Test func theProbeReadsThisMachinesDevices() throws {
        guard let device = try VulkanTestDevice.available() else { return }
        let devices = try VulkanVideoProbe.shared()
        let probed = try #require(devices.first { $0.name == device.name })
        #expect(!probed.queueFamilies.isEmpty)
        guard device.name.hasPrefix("llvmpipe") else {
            print("skipped the lavapipe expectations: the device is \(device.name)")
            return
        }
        #expect(probed.whyNotDecoding(.av1) == "no video decode queue")
        #expect(probed.extensions.contains("VK_KHR_external_memory_fd"))
    }
}
