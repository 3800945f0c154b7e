/// An element with several sink pads whose streams meet in one output: `funnel`, `input-selector`,
/// `compositor`, `audiomixer` — GStreamer's `GstAggregator`.
///
/// Each sink pad (`sink_0`, `sink_1`, … requested by links, ordered by number) gets a small queue filled by its upstream streaming
/// thread; the aggregator runs on a streaming thread of its own and is asked, again and again, for its next
/// step (`aggregate`): make an output from what is queued (`.output`), pass a queued buffer on unchanged
/// (`.forward`), drop one (`.discard`), wait for a pad (`.needData`) or end the stream (`.endOfStream`).
///
/// ```
/// videotestsrc ─► sink_0 ┐
///                        ├─ compositor (own thread) ─► src ─► …
/// videotestsrc ─► sink_1 ┘
/// ```
/// Negotiation treats every sink pad like the input of a transform: `transformCaps(_:from:)` maps each input's
/// caps to the output's and back, and what the output can be is what every input allows, so inputs that
/// disagree get converters (`compositor` needs one format on all its pads). `fixateOutput(_:inputs:pads:)` picks
/// the output knowing all inputs (the compositor's size covers every input). Caps events from the inputs are
/// not forwarded: the aggregator sends its own.
///
/// Thread: `aggregate` on the aggregator's streaming thread.
public protocol Aggregator<Input, Output>: Element {
    /// What each sink pad consumes.
    associatedtype Input: MediaType
    /// What the element produces.
    associatedtype Output: MediaType

    /// The next step, looking at the queued inputs. `ctx.output` is a pre-allocated output (`outputSize(for:)`
    /// bytes) used only when the step is `.output`; `ctx.metadata` starts empty.
    mutating func aggregate(_ inputs: any AggregatorInputs, _ ctx: inout ProcessContext<Input, Output>)
        throws(ElementError) -> AggregateStep

    /// Takes the fixed caps of every sink pad and the pads' names (`sink_0`, `sink_3`, …), in pad order, after
    /// `setCaps` (which sees the first pad's). Pad `i` of `aggregate`'s inputs is `pads[i]`. Default: nothing.
    mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError)

    /// Fixes the output caps knowing the fixed caps of every input and the pads' names, in pad order. Default:
    /// `fixate(caps, on: .src, otherSide: inputs.first)`.
    func fixateOutput(_ caps: Caps, inputs: [Caps], pads: [String]) -> Caps

    /// Called on the streaming thread, between two `aggregate` calls, after properties changed while the
    /// pipeline plays (`Pipeline.setProperty`): recompute what was derived from them in `setInputCaps`, and
    /// throw when they no longer fit the linked pads (the pipeline then fails with the error). Default: nothing.
    mutating func propertiesDidChange() throws(ElementError)
}

extension Aggregator {
    public mutating func setInputCaps(_ caps: [Caps], pads: [String]) throws(ElementError) {}

    public mutating func propertiesDidChange() throws(ElementError) {}

    public func fixateOutput(_ caps: Caps, inputs: [Caps], pads: [String]) -> Caps {
        fixate(caps, on: .src, otherSide: inputs.first ?? .empty)
    }

    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink_%u", direction: .sink, presence: .request, caps: Input.caps),
            PadTemplate(name: "src", direction: .src, caps: Output.caps),
        ]
    }
}
