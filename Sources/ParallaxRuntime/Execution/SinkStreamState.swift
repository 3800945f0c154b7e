import ParallaxCore

/// A sink runner's stream bookkeeping: the current segment (for `sync`) and whether end-of-stream was
/// rendered.
struct SinkStreamState {
    var segment = Segment()
    var finished = false
}
