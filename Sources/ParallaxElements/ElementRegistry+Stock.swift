import ParallaxCore

extension ElementRegistry {
    /// A registry holding every stock element of ParallaxElements.
    ///
    /// ```swift
    /// var registry = ElementRegistry.stock
    /// registry.register(Brightness.self)   // add your own
    /// ```
    /// The stock elements: `fakesrc`, `fakesink`, `identity`, `queue`, `tee`, `capsfilter`, `videotestsrc`,
    /// `audiotestsrc`, `videoconvert`, `videoscale`, `videoflip`, `videocrop`, `videobox`, `videobalance`,
    /// `audioconvert`, `audioresample`, `filesrc`, `filesink`, `appsrc`, `appsink`, `ipc_sink`, `ipc_src`, `udpsink`,
    /// `udpsrc`, `rtpL16depay`, `rtpL16pay`, `rtpvrawdepay`, `rtpvrawpay`, `ivfmux`, `ivfparse`, `matroskamux`,
    /// `webmmux`, `matroskademux`; the four converters are what negotiation
    /// inserts. Thread: any (a fresh value each time).
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
        registry.register(UDPSink.self)
        registry.register(UDPSource.self)
        registry.register(RTPL16Depay.self)
        registry.register(RTPL16Pay.self)
        registry.register(RTPVRawDepay.self)
        registry.register(RTPVRawPay.self)
        // Containers: IVF and Matroska/WebM.
        registry.register(IVFMux.self)
        registry.register(IVFParse.self)
        registry.register(MatroskaMux.self)
        registry.register(WebMMux.self)
        registry.register(MatroskaDemux.self)
        return registry
    }
}
