import ParallaxCore

/// `output-selector`: sends every buffer to one of its src pads, the active one — GStreamer's output-selector.
///
/// Src pads are requested by links (`src_0`, `src_1`, …); `active-pad` names the one that gets the buffers
/// (empty: the first). The other branches receive the stream's events, so they start and end with it, and no
/// buffers. Buffers go on unchanged, by reference. Every branch negotiates the same caps (the element passes its
/// input through).
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 ! output-selector name=o active-pad=src_1 \
///     o. ! queue ! fakesink  o. ! queue ! filesink location=chosen.raw
/// ```
/// Thread: never processes data itself (`isPassthrough`); the executor routes the buffers.
public struct OutputSelector: BranchSelecting {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: what comes in goes out.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "output-selector", longName: "Output selector", klass: "Generic",
        description: "1-to-N output stream selector",
        properties: [
            .string("active-pad", \.activePad, "Currently active src pad (empty: the first)"),
        ])

    /// `sink` (always) and `src_%u` (request), any caps.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(name: "src_%u", direction: .src, presence: .request, caps: .any),
        ]
    }

    /// The active src pad's name; empty selects the first.
    public var activePad = ""

    /// A selector with GStreamer's defaults.
    public init() {}

    /// Always true: buffers go on unchanged; the executor hands them to the active branch.
    public var isPassthrough: Bool { true }

    /// The index of `active-pad` among the linked pads (the first when empty).
    public func activeBranch(among pads: [String]) throws(ElementError) -> Int {
        if activePad.isEmpty { return 0 }
        guard let index = pads.firstIndex(of: activePad) else {
            throw ElementError(
                "active-pad \"\(activePad)\" is not a linked pad (linked: \(pads.joined(separator: ", ")))")
        }
        return index
    }

    /// Passes the buffer on; the routing happens in the executor.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        .ok
    }
}
