import Foundation
import Testing

/// `multifilesrc` against GStreamer's: which files are read, in which order, for its index properties.
@Suite struct MultiFileInteropTests {
    @Test(arguments: [
        "start-index=2", "index=3 start-index=1", "start-index=1 index=3", "index=1 stop-index=2 loop=true",
    ])
    func readsTheFilesGStreamerReads(properties: String) async throws {
        guard let gst = ExternalTool.find("gst-launch-1.0") else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for n in 0..<4 { try Data([UInt8(n)]).write(to: URL(fileURLWithPath: directory.path("f\(n)"))) }
        let source =
            ["multifilesrc", "location=" + directory.path("f%d")] + properties.split(separator: " ").map(String.init)
        // A loop never ends: both stop after 7 buffers.
        let limit = properties.contains("loop") ? ["num-buffers=7"] : []
        let sink = ["!", "filesink"]
        try await ExternalTool.run(gst, ["-q"] + source + limit + sink + ["location=" + directory.path("gst.bin")])
        let ours = try await LaunchProcess.run(
            ["-q"] + source + limit + sink + ["location=" + directory.path("ours.bin")])
        #expect(ours.status == 0, "\(ours.stderr)")
        let expected = ExternalTool.bytes(directory.path("gst.bin"))
        #expect(!expected.isEmpty)
        #expect(ExternalTool.bytes(directory.path("ours.bin")) == expected)
    }
}
