import ParallaxCore

/// One plane of a raw video frame seen as a grid of samples: where it starts, its row stride, the size of one
/// sample in bytes (1 for a Y or GRAY8 plane, 2 for an interleaved NV12 chroma pair, 3 for RGB, 4 for RGBA)
/// and how many samples wide and high it is.
///
/// ```
/// I420 5×3:  plane 0  1-byte samples, 5×3, stride 8
///            plane 1  1-byte samples, 3×2, stride 4     (⌈w/2⌉ × ⌈h/2⌉)
///            plane 2  1-byte samples, 3×2, stride 4
/// NV12 5×3:  plane 0  1-byte samples, 5×3; plane 1  2-byte (U,V) samples, 3×2
/// ```
/// YUY2 and UYVY are not a grid of whole samples (two pixels share one U and one V), so `planes(of:)` has no
/// answer for them; elements treat them on their own. Thread: any.
struct VideoPlane: Sendable, Hashable {
    /// Byte offset of the plane in the frame.
    var offset: Int
    /// Bytes per row.
    var stride: Int
    /// Bytes per sample.
    var sampleSize: Int
    /// Samples per row.
    var width: Int
    /// Rows.
    var height: Int
    /// Horizontal and vertical subsampling as a shift: 0 for full resolution, 1 for half.
    var shiftX: Int
    var shiftY: Int

    /// The planes of `info` as sample grids, or nil for packed 4:2:2 (YUY2, UYVY).
    static func planes(of info: VideoInfo) -> [VideoPlane]? {
        let w = info.width, h = info.height, hw = (w + 1) / 2, hh = (h + 1) / 2
        func plane(_ i: Int, _ size: Int, _ width: Int, _ height: Int, _ shift: Int) -> VideoPlane {
            VideoPlane(
                offset: info.offsets[i], stride: info.strides[i], sampleSize: size, width: width, height: height,
                shiftX: shift, shiftY: shift)
        }
        switch info.format {
        case .i420_10le: return nil  // 16-bit samples: not a plane of bytes
        case .i420, .yv12: return [plane(0, 1, w, h, 0), plane(1, 1, hw, hh, 1), plane(2, 1, hw, hh, 1)]
        case .nv12, .nv21: return [plane(0, 1, w, h, 0), plane(1, 2, hw, hh, 1)]
        case .y444: return [plane(0, 1, w, h, 0), plane(1, 1, w, h, 0), plane(2, 1, w, h, 0)]
        case .yuy2, .uyvy: return nil
        case .rgba, .bgra, .rgbx, .bgrx, .rgb, .bgr, .gray8: return [plane(0, info.format.pixelStride, w, h, 0)]
        }
    }

    /// Byte offsets of Y, U and V in a YUY2 or UYVY macropixel (two pixels, four bytes).
    static func packedOffsets(_ format: VideoFormat) -> (y: Int, u: Int, v: Int) {
        format == .uyvy ? (1, 0, 2) : (0, 1, 3)
    }
}
