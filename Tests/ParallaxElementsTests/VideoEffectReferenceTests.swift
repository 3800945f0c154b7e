import Foundation
import Parallax
import ParallaxTesting
import Testing

/// videoflip, videocrop, videobox and videobalance against GStreamer's elements of the same names on the same
/// input: `gst-launch-1.0` writes a frame and its own result for that frame (through a tee), Parallax processes
/// GStreamer's frame, and every sample GStreamer writes (row padding aside) must be equal. Skipped, with a
/// printed reason, where gst-launch-1.0 is not installed.
@Suite struct VideoEffectReferenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var element: String
        var properties: [String]
        var format: String
        var width = 64
        var height = 48
        var pattern = "smpte"
        var testDescription: String { "\(element) \(properties.joined(separator: " ")) \(format) \(width)×\(height)" }

        func caps(_ width: Int, _ height: Int) -> String {
            "video/x-raw,format=\(format),width=\(width),height=\(height),framerate=30/1"
        }

        /// The integer property `name`, 0 if not set.
        func int(_ name: String) -> Int {
            properties.first { $0.hasPrefix(name + "=") }.flatMap { Int($0.dropFirst(name.count + 1)) } ?? 0
        }

        /// The output size GStreamer negotiates.
        var outputSize: (width: Int, height: Int) {
            switch element {
            case "videoflip":
                let swaps = properties.contains {
                    ["90r", "90l", "ul-lr", "ur-ll"].contains($0.split(separator: "=").last ?? "")
                }
                return swaps ? (height, width) : (width, height)
            case "videocrop", "videobox":
                return (width - int("left") - int("right"), height - int("top") - int("bottom"))
            default:
                return (width, height)
            }
        }
    }

    static var gstLaunch: String? { VideoConverterReferenceTests.gstLaunch }

    static let flips: [Case] = {
        var cases: [Case] = []
        for direction in ["90r", "180", "90l", "horiz", "vert", "ul-lr", "ur-ll"] {
            for format in ["I420", "NV12", "YUY2", "UYVY", "RGBA", "RGB", "GRAY8", "Y444"] {
                cases.append(Case(element: "videoflip", properties: ["video-direction=\(direction)"], format: format))
            }
            // Odd sizes: partial tiles, the unpaired chroma sample, half a YUY2 macropixel.
            for format in ["I420", "NV21", "YUY2", "BGR", "BGRA"] {
                cases.append(
                    Case(
                        element: "videoflip", properties: ["video-direction=\(direction)"], format: format,
                        width: 61, height: 45, pattern: "ball"))
            }
        }
        return cases
    }()

    static let crops: [Case] = {
        var cases: [Case] = []
        for format in ["I420", "YV12", "NV12", "YUY2", "UYVY", "RGBA", "RGB", "GRAY8", "Y444"] {
            cases.append(
                Case(element: "videocrop", properties: ["left=2", "right=4", "top=2", "bottom=6"], format: format))
            cases.append(
                Case(element: "videocrop", properties: ["left=3", "right=1", "top=5", "bottom=2"], format: format))
        }
        return cases
    }()

    static let boxes: [Case] = {
        var cases: [Case] = []
        for format in ["I420", "YV12", "YUY2", "UYVY", "RGBA", "BGRA", "RGB", "BGR", "GRAY8", "Y444"] {
            cases.append(
                Case(
                    element: "videobox", properties: ["left=-4", "right=-2", "top=-2", "bottom=-6", "fill=green"],
                    format: format))
            cases.append(
                Case(element: "videobox", properties: ["left=4", "right=2", "top=2", "bottom=6"], format: format))
            cases.append(
                Case(
                    element: "videobox",
                    properties: [
                        "left=-6", "right=4", "top=2", "bottom=-2", "fill=red",
                        "alpha=0.5", "border-alpha=0.25",
                    ], format: format))
        }
        // Odd offsets, where every sample is a whole pixel (4:2:0 and 4:2:2 chroma blending differs; see the docs).
        for format in ["RGBA", "BGR", "GRAY8", "Y444"] {
            cases.append(
                Case(element: "videobox", properties: ["left=-3", "right=1", "top=-1", "bottom=3", "fill=white"], format: format))
        }
        // High definition: BT.709 border colours.
        cases.append(
            Case(
                element: "videobox", properties: ["left=-8", "top=-8", "fill=yellow"], format: "I420", width: 64,
                height: 720))
        return cases
    }()

    static let balances: [Case] = {
        var cases: [Case] = []
        for format in ["I420", "YV12", "NV12", "NV21", "YUY2", "UYVY", "Y444", "RGBA", "BGRx", "RGB"] {
            cases.append(
                Case(
                    element: "videobalance",
                    properties: ["brightness=0.1", "contrast=1.2", "saturation=0.7", "hue=0.2"],
                    format: format))
            cases.append(
                Case(
                    element: "videobalance", properties: ["saturation=0", "hue=-0.5", "contrast=0.5"], format: format,
                    pattern: "ball"))
        }
        return cases
    }()

    /// Runs GStreamer on `c`: the input frame and GStreamer's output, as bytes.
    static func reference(_ c: Case, gst: String) throws -> (input: [UInt8], output: [UInt8]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "parallax-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inPath = directory.appendingPathComponent("in.raw").path,
            outPath = directory.appendingPathComponent("out.raw").path
        let arguments =
            [
                "-q", "videotestsrc", "num-buffers=1", "pattern=\(c.pattern)", "!", c.caps(c.width, c.height), "!",
                "tee", "name=t", "t.", "!", "queue", "!", "filesink", "location=\(inPath)",
                "t.", "!", "queue", "!", c.element,
            ] + c.properties + ["!", "filesink", "location=\(outPath)"]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gst)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return (
            Array(try Data(contentsOf: URL(fileURLWithPath: inPath))),
            Array(try Data(contentsOf: URL(fileURLWithPath: outPath)))
        )
    }

    /// The bytes of each row GStreamer's elements write, per plane: (offset, bytes per row, rows, stride).
    static func samples(_ info: VideoInfo) -> [(offset: Int, bytes: Int, rows: Int, stride: Int)] {
        let w = info.width, h = info.height, hw = (w + 1) / 2, hh = (h + 1) / 2
        let sizes: [(Int, Int)] =
            switch info.format {
            case .i420, .yv12: [(w, h), (hw, hh), (hw, hh)]
            case .nv12, .nv21: [(w, h), (2 * hw, hh)]
            case .y444: [(w, h), (w, h), (w, h)]
            case .yuy2, .uyvy: [(2 * w, h)]
            default: [(w * info.format.pixelStride, h)]
            }
        return sizes.enumerated().map { (info.offsets[$0.offset], $0.element.0, $0.element.1, info.strides[$0.offset]) }
    }

    static func check(_ c: Case) throws {
        guard let gst = gstLaunch else {
            print("skipped \(c.testDescription): gst-launch-1.0 is not installed")
            return
        }
        let (input, expected) = try reference(c, gst: gst)
        let entry = try #require(ElementRegistry.stock[c.element])
        let settings = try c.properties.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            let type = try #require(entry.info.property(named: parts[0])?.type)
            return PropertySetting(name: parts[0], value: try type.parse(parts[1]).get(), text: parts[1])
        }
        let element = try entry.make(settings)
        let out = c.outputSize
        let outInfo = VideoInfo(format: try #require(VideoFormat(name: c.format)), width: out.width, height: out.height)
        let output = try run(
            element, input: try Caps(parsing: c.caps(c.width, c.height)),
            output: try Caps(parsing: c.caps(out.width, out.height)), bytes: input)
        try #require(output.count == outInfo.size, "\(output.count) bytes, expected \(outInfo.size)")
        try #require(
            expected.count == outInfo.size, "GStreamer wrote \(expected.count) bytes, expected \(outInfo.size)")
        var mismatches: [String] = []
        for (plane, region) in samples(outInfo).enumerated() {
            for row in 0..<region.rows {
                for x in 0..<region.bytes {
                    let i = region.offset + row * region.stride + x
                    if output[i] != expected[i], mismatches.count < 5 {
                        mismatches.append("plane \(plane) row \(row) byte \(x): \(output[i]), GStreamer \(expected[i])")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "; "))")
    }

    /// Pushes one frame through an element of any type (opened from the registry).
    static func run(_ element: any Element, input: Caps, output: Caps, bytes: [UInt8]) throws -> [UInt8] {
        func open<E: Transform>(_ element: E) throws -> [UInt8] {
            let harness = try ElementHarness(element, inputCaps: input, outputCaps: output)
            try harness.push(Buffer(copying: bytes))
            let result = try #require(harness.pull()).byteArray
            try harness.finish()
            return result
        }
        guard let transform = element as? any Transform else { throw HarnessError.notNegotiated("not a transform") }
        return try open(transform)
    }

    @Test(arguments: flips)
    func videoflipMatchesGStreamer(_ c: Case) throws { try Self.check(c) }

    @Test(arguments: crops)
    func videocropMatchesGStreamer(_ c: Case) throws { try Self.check(c) }

    @Test(arguments: boxes)
    func videoboxMatchesGStreamer(_ c: Case) throws { try Self.check(c) }

    @Test(arguments: balances)
    func videobalanceMatchesGStreamer(_ c: Case) throws { try Self.check(c) }
}
