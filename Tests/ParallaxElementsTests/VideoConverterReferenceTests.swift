import Foundation
import Parallax
import ParallaxTesting
import Testing

/// videoconvert and videoscale against GStreamer on the same input: `gst-launch-1.0` writes a frame and its
/// own conversion of that frame (through a tee), Parallax converts GStreamer's frame, and every sample must be
/// within ±1 of GStreamer's. Skipped, with a printed reason, where gst-launch-1.0 is not installed.
@Suite struct VideoConverterReferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var output: String
        var width: Int
        var height: Int
        var pattern = "smpte"
        var scaleTo: (width: Int, height: Int, method: String)?
        /// A `colorimetry` for the YUV side (`1:4:0:0`: full-range BT.601).
        var colorimetry: String?
        var testDescription: String {
            let size = scaleTo.map { " → \($0.width)×\($0.height) \($0.method)" } ?? ""
            return "\(pattern) \(input) → \(output) \(width)×\(height)\(size)\(colorimetry.map { " " + $0 } ?? "")"
        }

        func caps(_ format: String, _ width: Int, _ height: Int) -> String {
            let yuv = !["RGBA", "BGRA", "RGB", "BGR", "RGBx", "BGRx", "GRAY8"].contains(format)
            let extra = yuv ? colorimetry.map { ",colorimetry=\($0)" } ?? "" : ""
            return "video/x-raw,format=\(format),width=\(width),height=\(height),framerate=30/1\(extra)"
        }
    }

    static let gstLaunch = ["/usr/bin/gst-launch-1.0", "/usr/local/bin/gst-launch-1.0"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static let conversions: [Case] = {
        var cases: [Case] = []
        for pattern in ["smpte", "ball"] {
            for (a, b) in [("RGBA", "I420"), ("RGBA", "NV12"), ("RGBA", "YUY2"), ("RGBA", "GRAY8"), ("BGRA", "RGB"),
                           ("RGBA", "Y444"), ("I420", "RGBA"), ("NV12", "RGBA"), ("YUY2", "RGBA"), ("Y444", "RGBA"),
                           ("GRAY8", "RGBA"), ("I420", "NV12"), ("I420", "BGRA")] {
                cases.append(Case(input: a, output: b, width: 64, height: 48, pattern: pattern))
            }
        }
        // High definition: BT.709 and co-sited chroma for the YUV → RGB direction.
        for (a, b) in [("I420", "RGBA"), ("NV12", "RGBA"), ("YUY2", "RGBA"), ("RGBA", "GRAY8"), ("BGRA", "RGB")] {
            cases.append(Case(input: a, output: b, width: 64, height: 720))
        }
        // High definition, the RGB → YUV direction: chroma co-sited horizontally ([1 2 1] taps), centred vertically.
        for pattern in ["smpte", "ball"] {
            for (a, b) in [("RGBA", "I420"), ("BGRx", "YV12"), ("RGBA", "NV12"), ("RGBA", "YUY2"), ("BGRA", "UYVY"),
                           ("Y444", "I420")] {
                cases.append(Case(input: a, output: b, width: 64, height: 720, pattern: pattern))
            }
        }
        cases.append(Case(input: "RGBA", output: "I420", width: 61, height: 577, pattern: "ball"))
        // Odd sizes: the last, partial block of a row and the unpaired chroma sample.
        for (a, b) in [("I420", "RGBA"), ("YV12", "BGRx"), ("NV12", "RGBA"), ("RGBA", "I420"), ("BGRx", "YV12")] {
            cases.append(Case(input: a, output: b, width: 61, height: 45, pattern: "ball"))
        }
        // Full range (JPEG levels) and an explicit matrix.
        for (a, b, colorimetry) in [("RGBA", "I420", "1:4:0:0"), ("I420", "RGBA", "1:4:0:0"), ("RGBA", "NV12", "1:3:5:1"),
                                    ("NV12", "RGBA", "1:4:0:0"), ("RGBA", "YUY2", "2:3:5:1"), ("YUY2", "RGBA", "2:3:5:1")] {
            cases.append(Case(input: a, output: b, width: 64, height: 48, colorimetry: colorimetry))
        }
        return cases
    }()

    static let scalings: [Case] = {
        var cases = [
            Case(input: "RGBA", output: "RGBA", width: 64, height: 48, scaleTo: (32, 24, "nearest-neighbour")),
            Case(input: "I420", output: "I420", width: 64, height: 48, scaleTo: (32, 24, "nearest-neighbour")),
            Case(input: "RGBA", output: "RGBA", width: 64, height: 48, pattern: "ball", scaleTo: (16, 12, "nearest-neighbour")),
        ]
        // Bilinear down and up, 2:1 (GStreamer's averaging path for planes), only one axis, and odd sizes.
        let sizes = [(64, 48, 40, 30), (64, 48, 32, 24), (64, 48, 112, 84), (48, 36, 64, 48), (64, 48, 64, 30),
                     (64, 48, 100, 48), (61, 45, 37, 27), (37, 27, 61, 45)]
        for format in ["GRAY8", "I420", "RGBA"] {
            for (w, h, ow, oh) in sizes {
                cases.append(Case(input: format, output: format, width: w, height: h, scaleTo: (ow, oh, "bilinear")))
            }
        }
        for format in ["RGB", "BGRx", "NV12", "YV12", "Y444", "YUY2", "UYVY"] {
            for (w, h, ow, oh) in [(64, 48, 40, 30), (48, 36, 64, 48)] {
                cases.append(Case(input: format, output: format, width: w, height: h, pattern: "ball",
                                  scaleTo: (ow, oh, "bilinear")))
            }
        }
        cases.append(Case(input: "RGBA", output: "RGBA", width: 96, height: 54, pattern: "ball", scaleTo: (64, 36, "bilinear")))
        cases.append(Case(input: "I420", output: "I420", width: 96, height: 54, pattern: "ball", scaleTo: (64, 36, "bilinear")))
        return cases
    }()

    /// Runs GStreamer on `c`: the input frame and GStreamer's output, as bytes.
    static func reference(_ c: Case, gst: String) throws -> (input: [UInt8], output: [UInt8]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parallax-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inPath = directory.appendingPathComponent("in.raw").path, outPath = directory.appendingPathComponent("out.raw").path
        var converter = ["videoconvert", "!", c.caps(c.output, c.width, c.height)]
        if let scale = c.scaleTo {
            converter = ["videoscale", "method=\(scale.method)", "!", "video/x-raw,width=\(scale.width),height=\(scale.height)"]
        }
        let arguments = ["-q", "videotestsrc", "num-buffers=1", "pattern=\(c.pattern)", "!",
                         c.caps(c.input, c.width, c.height), "!",
                         "tee", "name=t", "t.", "!", "queue", "!", "filesink", "location=\(inPath)",
                         "t.", "!", "queue", "!"] + converter + ["!", "filesink", "location=\(outPath)"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gst)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (Array(try Data(contentsOf: URL(fileURLWithPath: inPath))),
                Array(try Data(contentsOf: URL(fileURLWithPath: outPath))))
    }

    /// The byte positions of the samples of a `format` frame (row padding left out).
    static func samplePositions(_ format: String, _ width: Int, _ height: Int) throws -> [Int] {
        let videoFormat = try #require(VideoFormat(name: format))
        let info = VideoInfo(format: videoFormat, width: width, height: height)
        let (halfWidth, halfHeight) = ((width + 1) / 2, (height + 1) / 2)
        let planes: [(bytes: Int, rows: Int)]
        switch videoFormat {
        case .i420, .yv12: planes = [(width, height), (halfWidth, halfHeight), (halfWidth, halfHeight)]
        case .nv12, .nv21: planes = [(width, height), (2 * halfWidth, halfHeight)]
        case .y444: planes = Array(repeating: (width, height), count: 3)
        case .yuy2, .uyvy: planes = [(4 * halfWidth, height)]
        default: planes = [(width * videoFormat.pixelStride, height)]
        }
        return planes.enumerated().flatMap { plane, size in
            (0..<size.rows).flatMap { y in
                (0..<size.bytes).map { info.offsets[plane] + y * info.strides[plane] + $0 }
            }
        }
    }

    /// Converts GStreamer's input frame with `element` and compares the result with GStreamer's output. With
    /// `samplesOnly`, row padding is not compared: GStreamer's scaler leaves it as the buffer pool had it.
    static func check<E: Transform>(
        _ element: E, _ c: Case, outWidth: Int, outHeight: Int, samplesOnly: Bool = false
    ) throws {
        guard let gst = gstLaunch else {
            print("skipped \(c.testDescription): gst-launch-1.0 is not installed")
            return
        }
        let (input, expected) = try reference(c, gst: gst)
        let inCaps = try Caps(parsing: c.caps(c.input, c.width, c.height))
        let outCaps = try Caps(parsing: c.caps(c.output, outWidth, outHeight))
        let harness = try ElementHarness(element, inputCaps: inCaps, outputCaps: outCaps)
        try harness.push(Buffer(copying: input))
        let output = try #require(harness.pull()).byteArray
        try harness.finish()
        try #require(output.count == expected.count, "\(output.count) bytes, GStreamer wrote \(expected.count)")
        let positions = samplesOnly ? try samplePositions(c.output, outWidth, outHeight) : Array(output.indices)
        let differences = positions.map { abs(Int(output[$0]) - Int(expected[$0])) }
        let largest = differences.max() ?? 0
        #expect(largest <= 1, "\(differences.filter { $0 > 1 }.count) samples differ by more than 1 (up to \(largest))")
    }

    @Test(arguments: conversions)
    func videoconvertMatchesGStreamer(_ c: Case) throws {
        try Self.check(VideoConvert(), c, outWidth: c.width, outHeight: c.height)
    }

    @Test(arguments: scalings)
    func videoscaleMatchesGStreamer(_ c: Case) throws {
        var scaler = VideoScale()
        scaler.method = c.scaleTo?.method == "bilinear" ? .bilinear : .nearestNeighbour
        try Self.check(scaler, c, outWidth: c.scaleTo?.width ?? c.width, outHeight: c.scaleTo?.height ?? c.height,
                       samplesOnly: true)
    }
}
