#if Vulkan
import ParallaxCore

/// The parameter words of `Generators/shaders/scale.comp` for one scaling: per plane its layout and the
/// horizontal and vertical filters of the CPU `videoscale` (`VideoScaleChannel`, `VideoScaleFilter`), with
/// their tables.
///
/// ```swift
/// let words = VulkanScaleParameters.words(input: big, output: small, groupsX: 64)
/// ```
/// Thread: pure; any.
enum VulkanScaleParameters {
    /// The formats the shader scales: those whose planes each hold one run of contiguous samples per pixel.
    static let formats: [VideoFormat] = [.rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .i420, .yv12, .nv12, .nv21, .y444, .gray8]

    /// The shader's words for scaling `input` frames to `output` frames (bilinear), the dispatch being `groupsX`
    /// workgroups of 64 wide. Nil for a format the shader lacks.
    static func words(input: VideoInfo, output: VideoInfo, groupsX: Int) -> [Int32]? {
        guard formats.contains(input.format), input.format == output.format else { return nil }
        let channels = VideoScaleChannel.channels(from: input, to: output, method: .bilinear)
        guard channels.count <= 3, channels.allSatisfy(\.isContiguous) else { return nil }
        var p = [Int32](repeating: 0, count: 8 + 16 * 3)
        p[0] = Int32(output.size / 4)
        p[1] = Int32(groupsX * 64)
        p[2] = Int32(channels.count)
        for (index, channel) in channels.enumerated() {
            let h = 8 + 16 * index
            p[h] = Int32(channel.sourceOffset)
            p[h + 1] = Int32(channel.sourceStride)
            p[h + 2] = Int32(channel.destinationOffset)
            p[h + 3] = Int32(channel.destinationStride)
            p[h + 4] = Int32(channel.step)
            p[h + 5] = Int32(channel.sourceWidth)
            p[h + 6] = Int32(channel.sourceHeight)
            p[h + 7] = Int32(channel.destinationWidth)
            p[h + 8] = Int32(channel.destinationHeight)
            (p[h + 9], p[h + 10], p[h + 11]) = append(channel.horizontal, count: channel.destinationWidth, to: &p)
            (p[h + 12], p[h + 13], p[h + 14]) = append(channel.vertical, count: channel.destinationHeight, to: &p)
            p[h + 15] = channel.verticalFirst ? 1 : 0
        }
        return p
    }

    /// Appends the table of `filter` (indices, first weights, second weights; `count` each) to `p`; returns the
    /// filter's kind, precision and table position.
    private static func append(_ filter: VideoScaleFilter, count: Int, to p: inout [Int32]) -> (Int32, Int32, Int32) {
        let table = Int32(p.count)
        switch filter {
        case .copy: return (0, 0, table)
        case .halve: return (1, 0, table)
        case .nearest(let index):
            p += index
            return (2, 0, table)
        case .stepped(let index, let fraction):
            p += index + [Int32](repeating: 0, count: count) + fraction.map { Int32($0) }
            return (3, 8, table)
        case .taps(let index, let first, let second, let precision):
            p += index + first.map { Int32($0) } + second.map { Int32($0) }
            return (4, Int32(precision), table)
        }
    }
}
#endif
