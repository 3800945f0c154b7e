import ParallaxCore
import Testing

/// The format families agree with the run-time layouts of their members.
@Suite struct PixelFormatFamilyTests {
    @Test func everyRunTimeFormatHasOneTag() {
        #expect(PixelFormats.all.map { $0.format } == VideoFormat.allCases)
        #expect(VideoFormat.allCases.allSatisfy { PixelFormats.tag(for: $0)?.format == $0 })
    }

    @Test func familiesMatchPlaneLayouts() {
        for tag in PixelFormats.all {
            guard let format = tag.format else { continue }
            let planes = format.layout(width: 16, height: 16).strides.count
            switch tag {
            case is any PlanarYUV.Type: #expect(format.isYUV && planes == 3, "\(format)")
            case is any SemiPlanarYUV.Type: #expect(format.isYUV && planes == 2, "\(format)")
            case is any PackedYUV.Type: #expect(format.isYUV && planes == 1 && format.pixelStride == 2, "\(format)")
            case is any PackedRGB.Type: #expect(!format.isYUV && planes == 1 && format.pixelStride >= 3, "\(format)")
            default:
                // The families hold 8-bit samples; deeper formats (I420_10LE) stand alone.
                #expect(format == .gray8 || format.bitsPerSample > 8, "\(format) belongs to no family")
            }
        }
    }
}
