/// A compile-time media type: what flows on a link, as a phantom type (`RawVideo<I420>`, `EncodedVideo<AV1>`).
///
/// Media types are uninhabited enums; they exist to make connections type-checked. Each states the caps
/// template it stands for, which becomes the pad template of elements that use it.
/// Example: `RawVideo<I420>.caps` is `video/x-raw, format=(string)I420`.
public protocol MediaType: Sendable {
    /// The caps every value of this media type satisfies.
    static var caps: Caps { get }
}

/// Any media at all: the type of pass-through elements such as `queue`, `tee` and `identity` (caps ANY).
public enum AnyMedia: MediaType {
    public static var caps: Caps { .any }
}

/// An unstructured byte stream (files, sockets): caps ANY, as GStreamer's filesrc declares.
public enum ByteStream: MediaType {
    public static var caps: Caps { .any }
}
