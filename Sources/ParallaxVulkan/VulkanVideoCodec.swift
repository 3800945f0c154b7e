import CVulkan

/// A codec Vulkan Video may decode, with the device extension and the `VkVideoCodecOperationFlagBitsKHR` bit
/// that say a device decodes it.
///
/// The AV1 values are spelled out here (`VK_KHR_video_decode_av1`, bit `0x4`) because the Vulkan headers of
/// Debian 12 (header version 239) predate the AV1 decode extension; the H.264 and H.265 ones are the headers'.
/// ```swift
/// VulkanVideoCodec.av1.decodeExtension   // "VK_KHR_video_decode_av1"
/// ```
/// Thread: a value; any.
public enum VulkanVideoCodec: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// H.264 / AVC.
    case h264 = "H.264"
    /// H.265 / HEVC.
    case h265 = "H.265"
    /// AV1.
    case av1 = "AV1"

    /// The device extension that adds decoding of this codec.
    public var decodeExtension: String {
        switch self {
        case .h264: "VK_KHR_video_decode_h264"
        case .h265: "VK_KHR_video_decode_h265"
        case .av1: "VK_KHR_video_decode_av1"
        }
    }

    /// The bit of `VkQueueFamilyVideoPropertiesKHR.videoCodecOperations` that a queue family decoding this
    /// codec sets.
    public var decodeOperation: UInt32 {
        switch self {
        case .h264: UInt32(VK_VIDEO_CODEC_OPERATION_DECODE_H264_BIT_KHR.rawValue)
        case .h265: UInt32(VK_VIDEO_CODEC_OPERATION_DECODE_H265_BIT_KHR.rawValue)
        case .av1: 0x0000_0004  // VK_VIDEO_CODEC_OPERATION_DECODE_AV1_BIT_KHR
        }
    }

    public var description: String { rawValue }
}
