#if AV1
import Parallax
import ParallaxVulkan
import Synchronization
import Testing

/// What `av1dec` says about its decoder in a running pipeline, on this machine's Vulkan driver.
@Suite struct AV1DecoderChoiceOnDeviceTests {
    /// The `info` texts posted while `launch` ran, as `element: text`.
    static func infos(_ launch: String) async throws -> [String] {
        let pipeline = try Pipeline(launch: launch)
        let texts = Mutex<[String]>([])
        pipeline.bus.observe { message in
            if case .element(let element, let structure) = message, structure.name == "info",
                let text = structure.string("text")
            {
                texts.withLock { $0.append("\(element): \(text)") }
            }
        }
        try await pipeline.run()
        return texts.withLock { $0 }
    }

    static func launch(_ prefer: String) -> String {
        "videotestsrc num-buffers=2 ! video/x-raw,width=64,height=48 ! av1enc ! av1dec \(prefer) ! fakesink"
    }

    @Test func onLavapipeAV1DecNamesTheDeviceAndWhatItLacks() async throws {
        guard let device = try VulkanTestDevice.available() else { return }
        let devices = try VulkanVideoProbe.shared()
        guard devices.count == 1, device.name.hasPrefix("llvmpipe") else {
            print("skipped: the exact text is known for lavapipe alone; this machine has \(devices.map(\.name))")
            return
        }
        #expect(try await Self.infos(Self.launch("")) == [
            "av1dec0: decoding with dav1d (software): no Vulkan device decodes AV1 (\(device.name): no video decode queue)",
        ])
    }

    @Test func preferSoftwareSaysSo() async throws {
        #expect(try await Self.infos(Self.launch("prefer=software")) == [
            "av1dec0: decoding with dav1d (software): prefer=software",
        ])
    }
}
#endif
