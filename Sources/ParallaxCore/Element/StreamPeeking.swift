/// A source that can show the first bytes of its stream before the pipeline starts (a file), so that parsers
/// downstream (`StreamHeaderParsing`) can name their output format before negotiation — what GStreamer learns by
/// typefinding while prerolling, without playing anything.
///
/// ```swift
/// let header = try fileSource.peek(upTo: 4096)   // the file's first 4096 bytes, or fewer
/// ```
/// Thread: the control thread, before `start()`.
public protocol StreamPeeking: Source {
    /// Up to `count` bytes from where the stream will start (fewer when the stream is shorter). Throws when they
    /// cannot be read; the pipeline then negotiates without them and the source reports its own error on start.
    func peek(upTo count: Int) throws(ElementError) -> [UInt8]
}
