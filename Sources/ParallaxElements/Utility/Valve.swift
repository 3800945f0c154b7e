import ParallaxCore

/// `valve`: lets buffers through or drops them — GStreamer's valve, with its `drop` property.
///
/// While `drop` is true every buffer is discarded; events (caps, segments, end-of-stream) always go on, as
/// GStreamer's `drop-mode=forward-sticky-events` does, so downstream stays configured and the pipeline can
/// end. `drop` can change while playing (`Pipeline.setProperty("drop", on:to:)`).
///
/// ```
/// parallax-launch videotestsrc num-buffers=100 ! valve drop=true ! fakesink
/// ```
/// GStreamer's other drop modes (`drop-all`, which also drops events, and `transform-to-gap`) are not
/// provided. Thread: `process` runs on the streaming thread of the element's segment.
public struct Valve: Transform {
    /// Any media.
    public typealias Input = AnyMedia
    /// The same media.
    public typealias Output = AnyMedia

    /// The factory name, documentation and properties, as GStreamer names them.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "valve", longName: "Valve element", klass: "Filter",
        description: "Drops buffers and events or lets them through",
        properties: [
            .bool("drop", \.drop, "Whether to drop buffers and events or let them through")
        ])

    /// Whether buffers are discarded.
    public var drop = false

    /// An open valve.
    public init() {}

    /// Buffers go on unchanged when they go on at all.
    public var isPassthrough: Bool { true }

    /// Passes or drops one buffer.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        drop ? .dropped : .ok
    }
}
