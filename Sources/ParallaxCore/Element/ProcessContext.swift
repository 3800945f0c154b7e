/// What the pipeline hands an element for one buffer: the input bytes, a pre-allocated output, metadata.
///
/// ```
/// source:      output (pre-allocated, `outputCapacity` bytes) ──► set outputLength, metadata
/// transform:   input (read-only) ──process──► output (pre-allocated, or the input itself if in place)
/// passthrough: input (read-only), metadata (writable) ──► the same buffer goes on
/// sink:        input (read-only), metadata
/// ```
/// Views are spans valid only during the call. When `isInPlace` is true, `input` and `output` are the
/// same memory: read byte `i` before writing byte `i`. `metadata` starts as the input's (zero for
/// sources, with the sequence number already set) and becomes the output's.
///
/// Thread: the element's streaming thread, for the duration of one `produce`/`process`/`render` call.
///
/// Elements spell it `ProcessContext<Input, Output>`, which names the element's media types for readers;
/// the struct itself is not generic, so the executor's generic runners make one without looking up type
/// metadata on every buffer (a measured 25 % of the per-buffer cost when it was generic).
public typealias ProcessContext<Input: MediaType, Output: MediaType> = ElementCallContext

/// The value behind `ProcessContext<Input, Output>`; see there.
public struct ElementCallContext: ~Copyable {
    private let inputBase: UnsafeRawPointer?
    private let outputBase: UnsafeMutableRawPointer?
    /// Bytes of input.
    public let inputLength: Int
    /// Bytes available in the output.
    public let outputCapacity: Int
    /// Bytes of output produced; starts at the input length (transforms) or the capacity (sources).
    public var outputLength: Int {
        didSet { outputLength = Swift.min(Swift.max(outputLength, 0), outputCapacity) }
    }
    /// Timing and flags of the buffer being made (transforms, sources) or read (sinks).
    public var metadata: BufferMetadata
    /// Whether input and output are the same memory.
    public let isInPlace: Bool
    /// The input buffer value itself, for sinks that keep buffers (appsink) and passthrough elements.
    public let inputBuffer: Buffer?
    /// The storage behind `output` when it is a pooled slot (sources and transforms writing into a new
    /// buffer), so an element proxy can name the slot to a process it runs in; nil otherwise. Unowned: the
    /// executor holds the buffer for the whole call, so taking the reference costs no reference counting.
    package unowned(unsafe) let outputStorage: BufferStorage?
    /// Where `emit`, `replaceOutput` and `changeCaps` report to (the runner or the harness); nil where none
    /// applies (sinks, passthrough elements).
    package unowned(unsafe) let emitter: (any OutputEmitter)?

    /// A context over raw memory; made by the executor and the test harness.
    package init(
        input: Buffer?, outputBase: UnsafeMutableRawPointer?, outputCapacity: Int, outputLength: Int,
        metadata: BufferMetadata, isInPlace: Bool, outputStorage: BufferStorage? = nil,
        emitter: (any OutputEmitter)? = nil
    ) {
        self.emitter = emitter
        self.inputBuffer = input
        self.outputStorage = outputStorage
        self.inputBase = UnsafeRawPointer(input?.storage.base)
        self.inputLength = input?.length ?? 0
        self.outputBase = outputBase
        self.outputCapacity = outputCapacity
        self.outputLength = Swift.min(outputLength, outputCapacity)
        self.metadata = metadata
        self.isInPlace = isInPlace
    }

    /// A context over raw input and output memory with no buffer values behind them: what a plugin built
    /// with `ParallaxPlugin` makes from the C views it is called with. Nothing can be emitted through it.
    package init(
        inputBase: UnsafeRawPointer?, inputLength: Int, outputBase: UnsafeMutableRawPointer?, outputCapacity: Int,
        outputLength: Int, metadata: BufferMetadata
    ) {
        self.emitter = nil
        self.inputBuffer = nil
        self.outputStorage = nil
        self.inputBase = inputBase
        self.inputLength = inputLength
        self.outputBase = outputBase
        self.outputCapacity = outputCapacity
        self.outputLength = Swift.min(outputLength, outputCapacity)
        self.metadata = metadata
        self.isInPlace = inputBase != nil && inputBase == UnsafeRawPointer(outputBase)
    }

    /// The input bytes (empty for sources).
    public var input: RawSpan {
        @_lifetime(borrow self) get {
            let span = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(start: inputBase, count: inputLength))
            return _overrideLifetime(span, borrowing: self)
        }
    }

    /// The whole output area, `outputCapacity` bytes (empty for sinks and passthrough elements).
    ///
    /// The output is memory the context points at, not memory it owns, so the span borrows the context
    /// only for its lifetime: `input` and `output` can be used together —
    /// `let input = ctx.input; var output = ctx.output` — and `outputLength` is set after both end.
    public var output: MutableRawSpan {
        @_lifetime(borrow self) get {
            let raw = UnsafeMutableRawBufferPointer(start: outputBase, count: outputCapacity)
            let span = MutableRawSpan(_unsafeBytes: raw)
            return _overrideLifetime(span, borrowing: self)
        }
    }

    /// Hands `buffer` on instead of the pre-allocated output: for sources whose data already sits in a
    /// buffer (one received from another process, without a copy). Only sources may use it; the output
    /// area, `outputLength` and `metadata` are then ignored (the buffer keeps its own metadata, and the
    /// pipeline sets the sequence number).
    public mutating func replaceOutput(with buffer: Buffer) {
        emitter?.replaceOutput(with: buffer)
    }

    /// Sends one more output downstream now, before `process` returns: for transforms that make several
    /// outputs from one input (a payloader cutting a frame into packets, a parser finding several frames in
    /// a block). `fill` writes into a fresh pre-allocated output (`outputCapacity` bytes, like `output`) and
    /// returns how many bytes it wrote; the output carries `metadata`. Returns how downstream took it: stop
    /// emitting unless `.ok`. The regular output (`ctx.output`, on `.ok`) still follows the emitted ones;
    /// return `.dropped` when everything went through `emit`. Throws for elements that cannot emit
    /// (passthrough elements, sinks).
    public mutating func emit(
        metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int
    ) throws(ElementError) -> FlowStatus {
        guard let emitter, emitter.acceptsOutputs else {
            throw ElementError("this element cannot emit outputs of its own here")
        }
        return emitter.emitOutput(metadata: metadata, fill)
    }

    /// A fresh output buffer (`outputCapacity` bytes, all in use) that the element keeps and fills across
    /// calls, then sends with `emit(_:)`: a demuxer gathering a frame that arrives in many input blocks
    /// writes each block's bytes straight into it, with no buffer of its own in between. It comes from the
    /// link's pool, so an element holds at most one or two at a time. Throws where the element cannot emit.
    public mutating func makeOutputBuffer() throws(ElementError) -> Buffer {
        guard let emitter, emitter.acceptsOutputs else {
            throw ElementError("this element cannot emit outputs of its own here")
        }
        guard let buffer = emitter.makeOutput() else { throw ElementError("the pipeline is stopping") }
        return buffer
    }

    /// Sends a buffer the element holds downstream now: one from `makeOutputBuffer()`, or the current input
    /// (`inputBuffer`, during this call only: an isolated element's input slot returns to the supervisor when
    /// the call ends) to send on again without a copy. The buffer goes with its own metadata and length.
    /// Returns how downstream took it; stop emitting unless `.ok`.
    public mutating func emit(_ buffer: Buffer) throws(ElementError) -> FlowStatus {
        guard let emitter, emitter.acceptsOutputs else {
            throw ElementError("this element cannot emit outputs of its own here")
        }
        return emitter.emitBuffer(buffer)
    }

    /// Posts an element message on the pipeline's bus — GStreamer's `gst_element_post_message` with an
    /// element message: measurements (`level`'s RMS and peak), rates (`fpsdisplaysink`), progress. The bus
    /// shows it as `BusMessage.element(element:_:)` with the element's name; `parallax-launch -m` prints it.
    /// ```swift
    /// ctx.post(CapsStructure("level", [("rms", .list([.double(-20.1)]))]))
    /// ```
    /// Elements running in an element host cannot post yet: the message is dropped there.
    public func post(_ message: CapsStructure) {
        emitter?.post(message)
    }

    /// Asks the pipeline to switch the source's output to `caps` mid-stream (a camera changing resolution).
    ///
    /// Only sources may use it. The buffer of this call, if the source returns `.ok`, is still of the old
    /// format; the pipeline then renegotiates the source's part of the graph with `caps` as the source's
    /// output, calls `setCaps` again on every element whose caps change (the source included), and sends
    /// the caps downstream in-band, so the next `produce` makes the first buffer of the new format. If the
    /// new format cannot reach the sinks, the pipeline fails with the negotiation diagnostic.
    /// ```swift
    /// if produced == 100 {
    ///     ctx.changeCaps(to: try Caps(parsing: "video/x-raw,format=I420,width=640,height=360,framerate=30/1"))
    ///     return .dropped
    /// }
    /// ```
    public mutating func changeCaps(to caps: Caps) {
        emitter?.requestCaps(caps)
    }

    /// Calls `body` with the input bytes as a raw buffer pointer, for bulk loops and system calls.
    public func withUnsafeInput<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: inputBase, count: inputLength))
    }

    /// Calls `body` with the whole output area as a raw buffer pointer, for bulk loops and system calls.
    public mutating func withUnsafeOutput<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeMutableRawBufferPointer(start: outputBase, count: outputCapacity))
    }
}
