/// A stream parser that can also show the parser after it the start of its own output before negotiation:
/// `ivfparse` hands on the start of the file's first frame, so `av1dec` after it reads the sequence header there.
///
/// ```
/// filesrc ─► ivfparse ─► av1dec     filesrc.peek(upTo: ivfparse.inputPeekLength(forOutput: 4096))
///                                   → ivfparse.leadingOutput(fromHeader:) → av1dec.discoverFormat
/// ```
/// The pipeline walks upstream from a `StreamHeaderParsing` element through queues, passthrough elements and
/// forwarding parsers to a `StreamPeeking` source, asks each forwarder how many input bytes it needs, and hands
/// the peeked bytes down the chain.
/// Thread: the control thread, before `setCaps`.
public protocol StreamHeaderForwarding: StreamHeaderParsing {
    /// How many bytes from the start of its input the element needs to give the first `count` bytes of its
    /// output.
    func inputPeekLength(forOutput count: Int) -> Int

    /// The start of the element's first output buffer for a stream that starts with `bytes` (possibly cut
    /// short), or nil when `bytes` do not reach it or are not the element's format.
    func leadingOutput(fromHeader bytes: [UInt8]) -> [UInt8]?
}
