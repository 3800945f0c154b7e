#if Vulkan
import Testing

/// Which decoder `av1dec` says it uses under `parallax-launch -v`, and what the Vulkan elements and `av1dec` do
/// on a machine whose Vulkan loader finds no driver (the loader pointed at a driver manifest that does not exist).
@Suite("parallax-launch: Vulkan without a driver, and av1dec's decoder")
struct VulkanFallbackCLITests {
    /// Environment that leaves the Vulkan loader without a driver: only a manifest that does not exist.
    static let noDriver = [
        "VK_DRIVER_FILES": "/nonexistent/parallax-no-driver.json", "VK_ICD_FILENAMES": "/nonexistent/parallax-no-driver.json",
    ]

    static func launch(_ arguments: [String], environment: [String: String] = [:]) async throws -> LaunchOutput {
        try await LaunchProcess(arguments, environment: environment).finish()
    }

    /// The lines `av1dec` printed under `-v` about its decoder.
    static func decoderLines(_ output: LaunchOutput) -> [String] {
        output.stdoutLines.filter { $0.hasPrefix("/pipeline0/av1dec0: decoding with") }
    }

    static let av1 = ["-v", "videotestsrc", "num-buffers=2", "!", "video/x-raw,width=64,height=48", "!", "av1enc", "!", "av1dec"]

    @Test func withoutADriverTheVulkanElementsFailNamingThemselves() async throws {
        let output = try await Self.launch(
            ["videotestsrc", "num-buffers=1", "!", "vulkanupload", "!", "vulkandownload", "!", "fakesink"],
            environment: Self.noDriver)
        #expect(output.status != 0)
        #expect(output.stderr.contains("vulkanupload has no Vulkan device: vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER"),
                "\(output.stderr)")
    }

    #if AV1
    @Test func withoutADriverAV1DecFallsBackToDav1dAndSaysWhy() async throws {
        let output = try await Self.launch(Self.av1 + ["!", "fakesink"], environment: Self.noDriver)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(Self.decoderLines(output) == [
            "/pipeline0/av1dec0: decoding with dav1d (software): no Vulkan device (vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER)",
        ])
    }

    @Test func preferSoftwareSaysSo() async throws {
        let output = try await Self.launch(Self.av1 + ["prefer=software", "!", "fakesink"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(Self.decoderLines(output) == ["/pipeline0/av1dec0: decoding with dav1d (software): prefer=software"])
    }

    @Test func inspectDocumentsPrefer() async throws {
        let output = try await Self.launch(["--inspect", "av1dec"])
        #expect(output.status == 0)
        let lines = output.stdoutLines
        let prefer = lines.firstIndex { $0.hasPrefix("  prefer ") } ?? lines.endIndex
        #expect(Array(lines[prefer...].prefix(5)) == [
            "  prefer              : Decoder to look for first: hardware (Vulkan Video; none is built yet, so dav1d, with the reason posted) or software (dav1d)",
            "                        flags: readable, writable",
            "                        Enum \"ParallaxAV1DecoderPreference\" Default: 0, \"hardware\"",
            "                           (0): hardware         - Vulkan Video where a device decodes AV1 (no such decoder is built yet), else dav1d",
            "                           (1): software         - dav1d, without looking for a Vulkan device",
        ])
    }
    #endif
}
#endif
