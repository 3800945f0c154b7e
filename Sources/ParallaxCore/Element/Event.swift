/// A stream event travelling with the buffers: GStreamer's serialised and flushing events.
///
/// Events reach `Element.handleEvent(_:)`; by default every element forwards them.
public enum Event: Sendable, Hashable {
    /// A new stream begins, with its id.
    case streamStart(String)
    /// The format on the link is now these fixed caps.
    case caps(Caps)
    /// The segment (playback range and rate) of the following buffers.
    case segment(Segment)
    /// No data between `start` and `start + duration`.
    case gap(start: ClockTime, duration: ClockTime?)
    /// No more data will follow on this link.
    case eos
    /// Discard data in flight as fast as possible.
    case flushStart
    /// Flushing is over; data flows again.
    case flushStop
    /// An application-defined event with a name and fields.
    case custom(CapsStructure)

    /// GStreamer's name for the event type (`eos`, `caps`, `segment`, …).
    public var name: String {
        switch self {
        case .streamStart: "stream-start"
        case .caps: "caps"
        case .segment: "segment"
        case .gap: "gap"
        case .eos: "eos"
        case .flushStart: "flush-start"
        case .flushStop: "flush-stop"
        case .custom(let s): s.name
        }
    }
}

/// What an element did with an event.
public enum EventDisposition: Sendable, Hashable {
    /// Pass the event on (the default).
    case forward
    /// Swallow it.
    case drop
}
