#if AV1
import ParallaxCore
import ParallaxElements
import ParallaxTesting
import Testing

@Suite struct AV1DecoderChoiceTests {
    static let lavapipe = AV1DecoderChoice.Device(name: "llvmpipe (LLVM 15.0.6, 256 bits)", whyNot: "no video decode queue")

    @Test func preferSoftwareNeverLooksForADevice() {
        let choice = AV1DecoderChoice.choose(prefer: .software, vulkan: .devices([Self.lavapipe]))
        #expect(choice == AV1DecoderChoice(decoder: "dav1d", hardware: false, reason: "prefer=software"))
        #expect(choice.text == "decoding with dav1d (software): prefer=software")
    }

    @Test func aDeviceWithoutVideoIsNamedWithWhatItLacks() {
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .devices([Self.lavapipe])).text
            == "decoding with dav1d (software): no Vulkan device decodes AV1 (llvmpipe (LLVM 15.0.6, 256 bits): no video decode queue)")
        let older = AV1DecoderChoice.Device(name: "GPU", whyNot: "no VK_KHR_video_decode_av1")
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .devices([older, Self.lavapipe])).reason
            == "no Vulkan device decodes AV1 (GPU: no VK_KHR_video_decode_av1; llvmpipe (LLVM 15.0.6, 256 bits): no video decode queue)")
    }

    @Test func noDriverGivesTheLoadersError() {
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .unavailable("vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER")).text
            == "decoding with dav1d (software): no Vulkan device (vkCreateInstance failed: VK_ERROR_INCOMPATIBLE_DRIVER)")
        let none = "no Vulkan device: the loader found no driver with a device (install mesa-vulkan-drivers for lavapipe)"
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .unavailable(none)).reason == none)
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .notBuilt).reason
            == "Parallax was built without the Vulkan trait")
        #expect(AV1DecoderChoice.choose(prefer: .hardware, vulkan: .inElementHost).reason
            == "it runs in an element host, whose sandbox keeps Vulkan out")
    }

    /// A device that decodes AV1 is named, and dav1d still decodes: Parallax has no Vulkan Video decoder.
    @Test func aCapableDeviceIsNamedButDav1dDecodes() {
        let gpu = AV1DecoderChoice.Device(name: "GPU", whyNot: nil)
        let choice = AV1DecoderChoice.choose(prefer: .hardware, vulkan: .devices([Self.lavapipe, gpu]))
        #expect(choice.decoder == "dav1d")
        #expect(!choice.hardware)
        #expect(choice.reason == "GPU decodes AV1 with Vulkan Video, but Parallax has no Vulkan Video decoder yet")
    }

    @Test func theDecoderPostsItsChoiceOnceWhenItStarts() throws {
        var decoder = AV1Decoder()
        decoder.prefer = .software
        let harness = try ElementHarness(
            decoder,
            inputCaps: try Caps(parsing: "video/x-av1,stream-format=obu-stream,alignment=tu,width=64,height=48,framerate=25/1"))
        for _ in 0..<2 { _ = try? harness.push(Buffer(copying: [0x12, 0x00])) }
        let infos = harness.postedMessages.filter { $0.name == "info" }
        #expect(infos.map { $0.string("text") } == ["decoding with dav1d (software): prefer=software"])
        #expect(infos.first?.string("decoder") == "dav1d")
    }
}
#endif
