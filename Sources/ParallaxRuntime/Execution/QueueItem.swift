import ParallaxCore

/// What travels through a queue: buffers and the serialised events between them, in order.
enum QueueItem: Sendable {
    case buffer(Buffer)
    case event(Event)
}
