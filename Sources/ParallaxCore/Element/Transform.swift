/// An element with one sink pad and one src pad that turns each input buffer into at most one output.
///
/// The pipeline pre-allocates the output (`outputSize(for:)` bytes, by default the input size), or hands
/// the input itself when `canProcessInPlace` is true and no one else holds the buffer. Passthrough
/// elements (`isPassthrough`) never get an output: the input buffer goes on with the metadata they set.
///
/// ```swift
/// struct Invert: Transform {
///     typealias Input = RawVideo<GRAY8>
///     typealias Output = RawVideo<GRAY8>
///     static let descriptor = ElementDescriptor<Self>(factory: "invert", longName: "Invert",
///                                                     klass: "Filter/Video", description: "Inverts grey")
///     var canProcessInPlace: Bool { true }
///     mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
///         let input = ctx.input; var output = ctx.output
///         for i in 0..<ctx.inputLength { output.storeBytes(of: ~input.unsafeLoad(fromByteOffset: i, as: UInt8.self),
///                                                           toByteOffset: i, as: UInt8.self) }
///         return .ok
///     }
/// }
/// ```
/// Thread: the streaming thread of the element's segment.
public protocol Transform<Input, Output>: Element {
    /// What the element consumes.
    associatedtype Input: MediaType
    /// What the element produces.
    associatedtype Output: MediaType

    /// Turns `ctx.input` into `ctx.output`; `.dropped` sends nothing on, `.eos` ends the stream.
    mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus

    /// Whether `process` may write its result over its input. Default false.
    var canProcessInPlace: Bool { get }

    /// Whether the element only looks at buffers (and may restamp them) without producing new bytes.
    /// Default false.
    var isPassthrough: Bool { get }

    /// Called once when end-of-stream reaches the element, before EOS goes on: sends with `ctx.emit` what the
    /// element still holds (a muxer's index, a parser's last frame, a resampler's tail, a jitter buffer's
    /// queue). `ctx` has no input and no output area of its own. Default: nothing.
    ///
    /// ```swift
    /// mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
    ///     guard !pending.isEmpty else { return }
    ///     _ = try ctx.emit(metadata: lastMetadata) { out in pending.copyBytes(to: out); return pending.count }
    /// }
    /// ```
    mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError)

    /// Called before any event goes past the element (end-of-stream, caps, segment, custom events): sends
    /// on the output of calls whose result the element held back, so that no buffer falls behind an event
    /// that came after it. Only an element that overlaps its calls needs it — one running in another process
    /// starts work on each input and hands on the answer for the previous one, with `ctx.emitter`
    /// (`OutputEmitter.emitBuffer`), while its upstream already makes the next buffer. Default: nothing.
    mutating func handOnHeld(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError)
}

extension Transform {
    public var canProcessInPlace: Bool { false }
    public var isPassthrough: Bool { false }
    public mutating func drain(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {}
    public mutating func handOnHeld(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {}
    public static var padTemplates: [PadTemplate] {
        [
            PadTemplate(name: "sink", direction: .sink, caps: Input.caps),
            PadTemplate(name: "src", direction: .src, caps: Output.caps),
        ]
    }
}
