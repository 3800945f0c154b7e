import ParallaxCore

/// `tee`: sends every buffer to all of its branches — GStreamer's tee.
///
/// Src pads are requested by links (`src_0`, `src_1`, …). The executor hands the same buffer, read-only and
/// reference-counted, to every branch: nothing is copied. A tee without a linked branch is refused when the
/// pipeline is built (GStreamer's `allow-not-linked` has no counterpart yet).
///
/// ```
/// parallax-launch videotestsrc ! tee name=t  t. ! queue ! fakesink  t. ! queue ! fakesink
/// ```
/// Thread: never processes data itself (`isPassthrough`); the executor fans buffers out.
public struct Tee: Transform {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "tee", longName: "Tee pipe fitting", klass: "Generic",
        description: "Sends every buffer to all of its branches without copying")

    /// The pad templates, with the caps this element handles.
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: .any),
            PadTemplate(name: "src_%u", direction: .src, presence: .request, caps: .any),
        ]
    }

    /// A tee with GStreamer's defaults.
    public init() {}

    /// Always true: buffers go on unchanged, without an output area.
    public var isPassthrough: Bool { true }

    /// Passes the buffer on; the fan-out happens in the executor.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        .ok
    }
}
