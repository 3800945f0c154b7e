/// A video codec as a compile-time tag, used as `EncodedVideo<Codec>`.
public protocol VideoCodec: Sendable {
    /// The caps of a stream in this codec (`video/x-av1`).
    static var caps: Caps { get }
}

/// The AV1 codec (`video/x-av1`).
public enum AV1: VideoCodec {
    public static var caps: Caps { Caps("video/x-av1") }
}

/// Compressed video in codec `Codec`, e.g. `EncodedVideo<AV1>` (`video/x-av1`).
public enum EncodedVideo<Codec: VideoCodec>: MediaType {
    public static var caps: Caps { Codec.caps }
}
