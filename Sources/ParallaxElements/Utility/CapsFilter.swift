import ParallaxCore

/// `capsfilter`: restricts the format on a link — what `a ! video/x-raw,width=640 ! b` creates.
///
/// Negotiation sees the filter through `transformCaps`: caps crossing the element in either direction are
/// intersected with `caps`, so upstream must produce something the filter allows. Buffers pass unchanged.
///
/// ```
/// parallax-launch videotestsrc ! capsfilter caps="video/x-raw,format=I420,width=640,height=480" ! fakesink
/// ```
/// ```swift
/// var filter = CapsFilter()
/// filter.caps = try Caps(parsing: "video/x-raw,format=I420")
/// ```
/// Thread: `transformCaps` on the control thread during negotiation; buffers never touch it (`isPassthrough`).
public struct CapsFilter: Transform {
    /// Any media: the element accepts every format.
    public typealias Input = AnyMedia
    /// Any media: the element passes on or produces every format.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "capsfilter", longName: "CapsFilter", klass: "Generic",
        description: "Restricts the format allowed on a link to the given caps",
        properties: [
            .caps("caps", \.caps, "Restrict the possible allowed capabilities (ANY allows everything)"),
        ])

    /// The caps allowed through; ANY by default.
    public var caps = Caps.any

    /// A filter allowing everything.
    public init() {}

    /// Always true: buffers go on unchanged, without an output area.
    public var isPassthrough: Bool { true }

    /// `caps` narrowed to what the filter allows, in either direction, in the filter's order of preference
    /// (GStreamer intersects with the filter first).
    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        self.caps.intersection(caps)
    }

    /// Passes the buffer on unchanged.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        .ok
    }
}
