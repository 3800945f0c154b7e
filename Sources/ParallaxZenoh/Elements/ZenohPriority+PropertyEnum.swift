import ParallaxCore

/// `zenoh_pub priority=`: the nicks are zenoh's names in kebab case, the values its numbers.
///
/// ```
/// parallax-launch videotestsrc ! zenoh_pub key=robot/camera priority=real-time
/// ```
/// Thread: a value.
extension ZenohPriority: PropertyEnum {
    public var nick: String {
        switch self {
        case .realTime: "real-time"
        case .interactiveHigh: "interactive-high"
        case .interactiveLow: "interactive-low"
        case .dataHigh: "data-high"
        case .data: "data"
        case .dataLow: "data-low"
        case .background: "background"
        }
    }

    public var blurb: String {
        switch self {
        case .realTime: "Real-time: the most urgent"
        case .interactiveHigh: "Interactive, high"
        case .interactiveLow: "Interactive, low"
        case .dataHigh: "Data, high"
        case .data: "Data (zenoh's default)"
        case .dataLow: "Data, low"
        case .background: "Background: the least urgent"
        }
    }
}
