#if Vulkan
import ParallaxCore

/// The parameter words of `Generators/shaders/convert.comp` for one pair of formats: formats, sizes, plane
/// layouts, the mode and the 8-bit matrix of the CPU `videoconvert` (`VideoConvertMatrix`).
///
/// ```swift
/// let words = VulkanConvertParameters.words(input: rgba, output: i420, matrix: matrix, groupsX: 64)
/// ```
/// Thread: pure; any.
enum VulkanConvertParameters {
    /// The formats the shader reads and writes, by their number in the shader.
    static let formats: [VideoFormat] = [.rgba, .bgra, .rgbx, .bgrx, .i420, .yv12, .nv12, .nv21]

    /// The shader's words for converting `input` frames to `output` frames with `matrix` (nil: repack), the
    /// dispatch being `groupsX` workgroups of 64 wide. Nil for a format the shader lacks.
    static func words(input: VideoInfo, output: VideoInfo, matrix: VideoConvertMatrix?, groupsX: Int) -> [Int32]? {
        guard let inFormat = formats.firstIndex(of: input.format), let outFormat = formats.firstIndex(of: output.format)
        else { return nil }
        var p = [Int32](repeating: 0, count: 40)
        p[0] = Int32(inFormat)
        p[1] = Int32(outFormat)
        p[2] = Int32(input.width)
        p[3] = Int32(input.height)
        p[4] = Int32(output.size / 4)
        p[5] = Int32(groupsX * 64)
        let mode: Int32 = input.format == output.format ? 3 : matrix == nil ? 0 : matrix?.yuvToRGB != nil ? 2 : 1
        p[6] = mode
        // GStreamer's general path (a matrix) co-sites subsampled chroma above 576 lines.
        p[7] = matrix != nil && output.height > 576 ? 1 : 0
        for plane in 0..<3 {
            p[8 + plane] = Int32(plane < input.offsets.count ? input.offsets[plane] : 0)
            p[11 + plane] = Int32(plane < input.strides.count ? input.strides[plane] : 1)
            p[14 + plane] = Int32(plane < output.offsets.count ? output.offsets[plane] : Int.max >> 33)
            p[17 + plane] = Int32(plane < output.strides.count ? output.strides[plane] : 1)
        }
        if let matrix {
            let (k0, k1, k2) = matrix.columns
            for row in 0..<3 {
                p[20 + 3 * row] = k0[row]
                p[21 + 3 * row] = k1[row]
                p[22 + 3 * row] = k2[row]
                p[29 + row] = matrix.bias[row]
                p[32 + row] = matrix.offsets[row]
            }
            if let k = matrix.yuvToRGB {
                (p[35], p[36], p[37], p[38], p[39]) = (k.y, k.vr, k.ub, k.ug, k.vg)
            }
        }
        return p
    }
}
#endif
