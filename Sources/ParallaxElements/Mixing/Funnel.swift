import ParallaxCore

/// `funnel`: merges the buffers of all its sink pads into one stream, in the order they arrive — GStreamer's
/// funnel.
///
/// Sink pads are requested by links (`sink_0`, `sink_1`, …). Every input must carry the same caps (negotiation
/// inserts converters where they differ). Buffers go on unchanged, by reference: nothing is copied. Pads are
/// served in turn, so a busy input cannot starve the others. The output ends when every input has ended.
///
/// ```
/// parallax-launch funnel name=f ! fakesink  audiotestsrc num-buffers=10 ! f.  audiotestsrc num-buffers=5 ! f.
/// ```
/// Thread: the funnel's own streaming thread (`Aggregator`).
public struct Funnel: Aggregator {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: what comes in goes out.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "funnel", longName: "Funnel pipe fitting", klass: "Generic",
        description: "N-to-1 pipe fitting: merges the buffers of every input into one stream",
        properties: [
            .bool("forward-sticky-events", \.forwardStickyEvents,
                  "Forward sticky events on stream changes (always on: the output carries one stream)"),
        ])

    /// GStreamer's `forward-sticky-events`; the output always carries one stream with one set of events.
    public var forwardStickyEvents = true
    /// The pad served last, so the next search starts after it.
    private var last = -1

    /// A funnel with GStreamer's defaults.
    public init() {}

    /// Forwards the next queued buffer, taking pads in turn; waits when none is queued; ends when all ended.
    public mutating func aggregate(_ inputs: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep
    {
        for offset in 1...inputs.count {
            let pad = (last + offset) % inputs.count
            if inputs.peek(pad) != nil {
                last = pad
                return .forward(pad: pad)
            }
        }
        return inputs.allFinished ? .endOfStream : .needData(pad: nil)
    }
}
