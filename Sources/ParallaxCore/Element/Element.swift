/// What every element is: a small value type with a descriptor, caps behaviour, and event defaults.
///
/// Elements conform to one of `Source`, `Transform` or `Sink`; the framework wraps them and owns the
/// threads. Every requirement except `init()` and `descriptor` has a default, so an element overrides only
/// what it needs.
///
/// Thread: the pipeline builds an element on the control thread, then uses it only from the streaming
/// thread of its segment.
public protocol Element: Sendable {
    /// An element with every property at its default.
    init()

    /// Factory name, documentation and properties, declared once.
    static var descriptor: ElementDescriptor<Self> { get }

    /// The pad templates; by default derived from the media types of `Source`/`Transform`/`Sink`.
    static var padTemplates: [PadTemplate] { get }

    /// The caps this element may produce on its other side when one side carries `caps`.
    /// `direction` is the side `caps` belong to. Default: same-kind elements pass caps through
    /// (intersected with the other template), other elements answer their other template.
    func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps

    /// Picks one format out of `caps` (non-empty, possibly unfixed) for the given pad direction.
    /// Default: `caps.fixated()`. Sources override to prefer sizes and rates (videotestsrc: 320×240 at 30/1).
    func fixate(_ caps: Caps, on direction: PadDirection) -> Caps

    /// Picks one format out of `caps` for the pad on `direction`, knowing the fixed caps on the element's
    /// other side (`otherSide`; `.empty` for a source, which has none) — GStreamer's
    /// `fixate_caps(direction, caps, othercaps)`. Transforms whose output follows their input override it:
    /// videoscale keeps the aspect ratio of its input. Default: `fixate(caps, on: direction)`.
    ///
    /// ```swift
    /// // videoscale, input 1920×1080, downstream fixed only the width to 1280: height becomes 720
    /// scaler.fixate(outputCandidates, on: .src, otherSide: inputCaps)
    /// ```
    func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps

    /// Takes the negotiated caps before the first buffer (`input` nil for sources, `output` nil for sinks).
    mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError)

    /// The output size in bytes to pre-allocate per buffer for `caps`; nil lets the pipeline decide
    /// (a video frame's size for raw video, 4096 otherwise).
    func outputSize(for caps: Caps) -> Int?

    /// The output size in bytes to pre-allocate per buffer for `caps` when input buffers hold up to
    /// `inputSize` bytes: what elements whose output grows with their input (audioresample, audioconvert)
    /// implement. Called after `setCaps`. Default: `outputSize(for: caps)`.
    func outputSize(for caps: Caps, inputSize: Int) -> Int?

    /// Opens resources (files, devices) when going from READY to PAUSED.
    mutating func start() throws(ElementError)

    /// Releases resources when going from PAUSED to READY. Must be safe to call without `start()`.
    mutating func stop()

    /// Wakes the streaming thread if it is blocked inside this element (waiting for data or for room),
    /// so the pipeline can stop: GStreamer's `unlock`. Called from the control thread while `produce`,
    /// `process` or `render` may be running; the blocked call should return `.eos` promptly. Default: nothing.
    func unlock()

    /// Sees an event travelling downstream; default `.forward`.
    mutating func handleEvent(_ event: Event) -> EventDisposition

    /// Answers a query, or nil to let the pipeline ask further along. Default nil.
    func answer(_ query: Query) -> QueryAnswer?
}

extension Element {
    public func fixate(_ caps: Caps, on direction: PadDirection) -> Caps { caps.fixated() }
    public func fixate(_ caps: Caps, on direction: PadDirection, otherSide: Caps) -> Caps {
        fixate(caps, on: direction)
    }
    public mutating func setCaps(input: Caps?, output: Caps?) throws(ElementError) {}
    public func outputSize(for caps: Caps) -> Int? { nil }
    public func outputSize(for caps: Caps, inputSize: Int) -> Int? { outputSize(for: caps) }
    public mutating func start() throws(ElementError) {}
    public mutating func stop() {}
    public func unlock() {}
    public mutating func handleEvent(_ event: Event) -> EventDisposition { .forward }
    public func answer(_ query: Query) -> QueryAnswer? { nil }

    /// The factory name, e.g. `"videotestsrc"`.
    public static var factoryName: String { descriptor.factory }

    /// The template named `name`, if any.
    public static func template(_ direction: PadDirection) -> PadTemplate? {
        padTemplates.first { $0.direction == direction }
    }

    public func transformCaps(_ caps: Caps, from direction: PadDirection) -> Caps {
        let sinkCaps = Self.template(.sink)?.caps ?? .empty
        let srcCaps = Self.template(.src)?.caps ?? .empty
        let other = direction == .sink ? srcCaps : sinkCaps
        let mine = direction == .sink ? sinkCaps : srcCaps
        // Same template on both sides (a filter): the format passes through unchanged.
        if other == mine { return caps.intersection(other) }
        return other
    }
}
