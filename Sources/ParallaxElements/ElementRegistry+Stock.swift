import ParallaxCore
#if Zenoh
import ParallaxZenoh
#endif
#if Vulkan
import ParallaxVulkan
#endif

extension ElementRegistry {
    /// A registry holding every stock element of ParallaxElements that this build includes.
    ///
    /// ```swift
    /// var registry = ElementRegistry.stock
    /// registry.register(Brightness.self)   // add your own
    /// ```
    /// Grouped below as they were added; `docs/elements.md` documents each and `parallax-launch --list-elements`
    /// lists them. The four converters (`videoconvert`, `videoscale`, `audioconvert`, `audioresample`) are what
    /// negotiation inserts. Two groups belong to package traits (`docs/feature-sets.md`): `av1dec` and `av1enc` to
    /// `AV1`; `udpsrc`, `udpsink`, the four tcp elements, the RTP payloaders and depayloaders and
    /// `rtpjitterbuffer` to `Network`; `zenoh_pub` and `zenoh_sub` to `Zenoh`; `vulkanupload`, `vulkandownload`, `vulkanconvert` and `vulkanscale` to `Vulkan`. A build without a trait has no such elements, and its launch strings name
    /// them as unknown. Thread: any (a fresh value each time).
    public static var stock: ElementRegistry {
        var registry = ElementRegistry()
        registry.register(FakeSource.self)
        registry.register(FakeSink.self)
        registry.register(Identity.self)
        registry.register(Queue.self)
        registry.register(Tee.self)
        registry.register(CapsFilter.self)
        registry.register(VideoTestSource.self)
        registry.register(AudioTestSource.self)
        registry.register(VideoConvert.self)
        registry.register(VideoScale.self)
        registry.register(VideoFlip.self)
        registry.register(VideoCrop.self)
        registry.register(VideoBox.self)
        registry.register(VideoBalance.self)
        registry.register(AudioConvert.self)
        registry.register(AudioResample.self)
        registry.register(FileSource.self)
        registry.register(FileSink.self)
        registry.register(AppSource.self)
        registry.register(AppSink.self)
        registry.register(IPCSink.self)
        registry.register(IPCSource.self)
        // Several inputs
        registry.register(Funnel.self)
        registry.register(InputSelector.self)
        registry.register(Compositor.self)
        registry.register(AudioMixer.self)
        registry.register(OutputSelector.self)
        // Audio, flow and video utilities.
        registry.register(Volume.self)
        registry.register(Level.self)
        registry.register(AudioRate.self)
        registry.register(Valve.self)
        registry.register(ProgressReport.self)
        registry.register(FPSDisplaySink.self)
        registry.register(VideoRate.self)
        registry.register(TimeOverlay.self)
        registry.register(ClockOverlay.self)
        // Raw containers and file elements
        registry.register(Y4MEncoder.self)
        registry.register(Y4MDecoder.self)
        registry.register(WavEncoder.self)
        registry.register(WavParser.self)
        registry.register(RawVideoParse.self)
        registry.register(RawAudioParse.self)
        registry.register(MultiFileSink.self)
        registry.register(MultiFileSource.self)
        registry.register(PNGEncoder.self)
        // Containers: IVF and Matroska/WebM.
        registry.register(IVFMux.self)
        registry.register(IVFParse.self)
        registry.register(MatroskaMux.self)
        registry.register(WebMMux.self)
        registry.register(MatroskaDemux.self)
        registry.register(AV1Parse.self)
        #if Network
        // Network (trait): UDP, TCP, RTP payloaders and the jitter buffer.
        registry.register(UDPSink.self)
        registry.register(UDPSource.self)
        registry.register(RTPL16Depay.self)
        registry.register(RTPL16Pay.self)
        registry.register(RTPVRawDepay.self)
        registry.register(RTPVRawPay.self)
        registry.register(TCPServerSink.self)
        registry.register(TCPClientSource.self)
        registry.register(TCPServerSource.self)
        registry.register(TCPClientSink.self)
        registry.register(RTPJitterBuffer.self)
        registry.register(RTPAV1Pay.self)
        registry.register(RTPAV1Depay.self)
        #else
        for factory in [
            "udpsink", "udpsrc", "rtpL16depay", "rtpL16pay", "rtpvrawdepay", "rtpvrawpay", "tcpserversink",
            "tcpclientsrc", "tcpserversrc", "tcpclientsink", "rtpjitterbuffer", "rtpav1pay", "rtpav1depay",
        ] {
            registry.recordLeftOut(factory, trait: "Network")
        }
        #endif
        #if AV1
        // AV1 codecs (trait): dav1d and rav1e.
        registry.register(AV1Decoder.self)
        registry.register(AV1Encoder.self)
        #else
        registry.recordLeftOut("av1dec", trait: "AV1")
        registry.recordLeftOut("av1enc", trait: "AV1")
        #endif
        #if Vulkan
        // Vulkan (trait): GPU memory transfers and compute elements.
        registry.register(VulkanUpload.self)
        registry.register(VulkanDownload.self)
        registry.register(VulkanConvert.self)
        registry.register(VulkanScale.self)
        #else
        for factory in ["vulkanupload", "vulkandownload", "vulkanconvert", "vulkanscale"] {
            registry.recordLeftOut(factory, trait: "Vulkan")
        }
        #endif
        #if Zenoh
        // Zenoh (trait): publisher and subscriber on the native client.
        registry.register(ZenohPublish.self)
        registry.register(ZenohSubscribe.self)
        #else
        registry.recordLeftOut("zenoh_pub", trait: "Zenoh")
        registry.recordLeftOut("zenoh_sub", trait: "Zenoh")
        #endif
        return registry
    }
}
