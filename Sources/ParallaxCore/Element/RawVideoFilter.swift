/// A transform that works on raw video of any pixel format and gives the format it was given
/// (`videoscale`, a brightness filter): declared once, without a generic format parameter.
///
/// Its pads take and give `RawVideo<AnyPixelFormat>`; negotiation picks the format at run time. In a typed
/// pipeline the element keeps the upstream type: after a `RawVideo<I420>` stage it gives `RawVideo<I420>`,
/// so it can sit between typed elements without spelling a generic argument.
///
/// ```swift
/// struct Dim: RawVideoFilter { … }
/// Pipeline { I420Source(); Dim(); I420Sink() }    // Dim is typed RawVideo<I420> -> RawVideo<I420> here
/// ```
/// Thread: as for `Transform`, the streaming thread of the element's segment.
public protocol RawVideoFilter: Transform
where Input == RawVideo<AnyPixelFormat>, Output == RawVideo<AnyPixelFormat> {}
