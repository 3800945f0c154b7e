import ParallaxCore

/// `input-selector`: passes on the buffers of one sink pad, the active one, and drops the others' — GStreamer's
/// input-selector.
///
/// `active-pad` names the pad (`sink_1`); empty means the first. Every input must carry the same caps
/// (negotiation inserts converters where they differ). Buffers of inactive pads are dropped as they arrive, so
/// their upstreams keep running. The output ends when the active pad ends.
///
/// ```
/// parallax-launch input-selector name=s active-pad=sink_1 ! fakesink  videotestsrc ! s.  videotestsrc pattern=ball ! s.
/// ```
/// Thread: the selector's own streaming thread (`Aggregator`).
public struct InputSelector: Aggregator {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: what comes in goes out.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "input-selector", longName: "Input selector", klass: "Generic",
        description: "N-to-1 input stream selector",
        properties: [
            .string("active-pad", \.activePad, "The currently active sink pad (empty: the first)"),
            .bool("sync-streams", \.syncStreams,
                  "Synchronize inactive streams to the running time of the active stream (inactive buffers are dropped as they arrive)"),
            .bool("cache-buffers", \.cacheBuffers, "Cache buffers for active-pad (not kept: always false in effect)"),
        ])

    /// The active pad's name; empty selects the first pad.
    public var activePad = ""
    /// GStreamer's `sync-streams` (default true); inactive buffers are dropped as they arrive either way.
    public var syncStreams = true
    /// GStreamer's `cache-buffers`; nothing is cached.
    public var cacheBuffers = false
    private var pads: [String] = []

    /// A selector with GStreamer's defaults.
    public init() {}

    /// Learns the pad names, and checks that `active-pad` is one of them.
    public mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError) {
        self.pads = pads
        try propertiesDidChange()
    }

    /// Checks an `active-pad` set while playing; the next buffers come from it.
    public mutating func propertiesDidChange() throws(ElementError) {
        if !activePad.isEmpty, !pads.contains(activePad) {
            throw ElementError(
                "active-pad \"\(activePad)\" is not a linked pad (linked: \(pads.joined(separator: ", ")))")
        }
    }

    private var active: Int { pads.firstIndex(of: activePad) ?? 0 }

    /// Drops what inactive pads queued, forwards the active pad's buffers, ends with the active pad.
    public mutating func aggregate(_ inputs: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep
    {
        let active = self.active
        for pad in 0..<inputs.count where pad != active && inputs.peek(pad) != nil {
            return .discard(pad: pad)
        }
        if inputs.peek(active) != nil { return .forward(pad: active) }
        return inputs.isFinished(active) ? .endOfStream : .needData(pad: nil)
    }
}
