/// An element that produces buffers: it has one src pad and no sink pad.
///
/// The pipeline calls `produce` on the source's streaming thread with a pre-allocated output of
/// `outputSize(for:)` bytes; the source fills it, sets `outputLength` and timing, and returns `.ok`,
/// `.dropped` to skip, or `.eos` when it has no more data (the output is then discarded). A source whose
/// format changes mid-stream calls `ctx.changeCaps(to:)`; the pipeline renegotiates before the next `produce`.
///
/// ```swift
/// struct Counter: Source {
///     typealias Output = ByteStream
///     static let descriptor = ElementDescriptor<Self>(factory: "counter", longName: "Counter",
///                                                     klass: "Source", description: "Counts")
///     var next: UInt8 = 0
///     mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus {
///         var out = ctx.output
///         out.storeBytes(of: next, toByteOffset: 0, as: UInt8.self)
///         ctx.outputLength = 1; next &+= 1
///         return next == 0 ? .eos : .ok
///     }
/// }
/// ```
/// Thread: the source's own streaming thread.
public protocol Source<Output>: Element {
    /// What the source produces.
    associatedtype Output: MediaType

    /// Fills `ctx.output` with the next buffer.
    mutating func produce(_ ctx: inout ProcessContext<NoMedia, Output>) throws(ElementError) -> FlowStatus

    /// Whether the source is live (paced by the clock, data produced in real time). Default false.
    var isLive: Bool { get }
}

extension Source {
    public var isLive: Bool { false }
    public static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "src", direction: .src, caps: Output.caps)]
    }
}

/// The media type of the side an element does not have (a source's input, a sink's output).
public enum NoMedia: MediaType {
    public static var caps: Caps { .empty }
}
