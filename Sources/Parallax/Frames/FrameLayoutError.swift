import ParallaxCore

/// Why a buffer could not be read as a typed frame: the negotiated caps are not the media the reader
/// expects (`videoFrames` on an audio stream, `audioFrames(S16LE.self)` on F32LE), or are unknown.
public struct FrameLayoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was expected and what the caps were.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
