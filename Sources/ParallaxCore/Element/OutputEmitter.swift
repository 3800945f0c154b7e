/// What an `ElementCallContext` reports back to whoever made it — the executor's runner or the test
/// harness: extra outputs (`emit`), a source's own buffer (`replaceOutput`) and a source's format change
/// (`changeCaps`). Kept out of the context itself, so a context stays trivially cheap to make and destroy
/// on every buffer. Not for elements to implement.
public protocol OutputEmitter: AnyObject {
    /// Lets `fill` write up to `capacity` bytes into a fresh output (it returns the length), stamps it with
    /// `metadata` and sends it on; returns how downstream took it.
    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus

    /// A fresh output of the link's size that the element keeps and fills across calls, then sends with
    /// `emitBuffer`; nil when the pipeline is stopping.
    func makeOutput() -> Buffer?

    /// Sends a buffer the element holds (one from `makeOutput`, or an input it kept) on; returns how
    /// downstream took it.
    func emitBuffer(_ buffer: Buffer) -> FlowStatus

    /// A source hands on `buffer` instead of the pre-allocated output.
    func replaceOutput(with buffer: Buffer)

    /// A source asks to switch its output to `caps`.
    func requestCaps(_ caps: Caps)

    /// Whether `emitOutput` can send outputs (false for sinks and passthrough elements, which have none).
    var acceptsOutputs: Bool { get }

    /// The element posts `message` on the pipeline's bus (`ElementCallContext.post`).
    func post(_ message: CapsStructure)
}

extension OutputEmitter {
    /// No outputs to keep where the emitter has none.
    public func makeOutput() -> Buffer? { nil }
    /// No outputs where the emitter has none.
    public func emitBuffer(_ buffer: Buffer) -> FlowStatus { .eos }
    /// Transforms cannot replace their output.
    public func replaceOutput(with buffer: Buffer) {}
    /// Transforms do not change caps this way.
    public func requestCaps(_ caps: Caps) {}
    /// Outputs are accepted unless the emitter says otherwise.
    public var acceptsOutputs: Bool { true }
}
