/// A transform whose output format is written in the stream it parses: a Y4M or WAV header, an IVF file header,
/// Matroska tracks.
///
/// Before negotiation the pipeline shows the element the first `headerPeekLength` bytes of its stream when the
/// source upstream can read ahead (`StreamPeeking`: `filesrc`) and only queues or passthrough elements sit
/// between them. The element remembers the format, and its `transformCaps(_:from: .sink)` answers those fixed
/// caps, so negotiation can insert converters after it like after any source. Where the header cannot be read
/// ahead (a network source), the element parses it from the first buffer instead and must fail clearly if the
/// stream does not match the caps negotiated for it.
///
/// ```swift
/// mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError) {
///     discovered = try Y4MHeader(parsing: bytes).caps      // "video/x-raw,format=I420,width=…"
/// }
/// ```
/// Thread: the control thread, before `setCaps`.
public protocol StreamHeaderParsing: Transform {
    /// How many bytes from the stream's start the element needs to name its format.
    var headerPeekLength: Int { get }

    /// Reads the format from the stream's first bytes (fewer than `headerPeekLength` when the stream is
    /// shorter). Throws an error naming what is wrong with the header and where.
    mutating func discoverFormat(fromHeader bytes: [UInt8]) throws(ElementError)
}
