/// An element that consumes buffers: one sink pad, no src pad.
///
/// When `sync` is true the pipeline waits until a buffer's running time on the pipeline clock before
/// calling `render`. Returning `.eos` stops the stream (as fakesink's `num-buffers` does).
///
/// Thread: the streaming thread of the sink's segment.
public protocol Sink<Input>: Element {
    /// What the sink consumes.
    associatedtype Input: MediaType

    /// Consumes `ctx.input`.
    mutating func render(_ ctx: inout ProcessContext<Input, NoMedia>) throws(ElementError) -> FlowStatus

    /// Whether buffers are rendered at their running time on the pipeline clock. Default false.
    var sync: Bool { get }

    /// Called once when end-of-stream reaches the sink, after the last `render`. Default: nothing.
    mutating func finish() throws(ElementError)
}

extension Sink {
    public var sync: Bool { false }
    public mutating func finish() throws(ElementError) {}
    public static var padTemplates: [PadTemplate] {
        [PadTemplate(name: "sink", direction: .sink, caps: Input.caps)]
    }
}
