/// A stage that takes raw video of any pixel format and gives `Out`: the builder's form of a transform or
/// sink whose input is `RawVideo<AnyPixelFormat>` (`VideoConvert`, `VideoConvert.to(I420.self)`, a sink of
/// any raw video; for a sink `Out` is `PipelineEnd`).
///
/// It composes after any stage that gives `RawVideo<F>`, whatever `F` is, and after nothing else.
public struct AnyRawVideoInput<Out>: Sendable {
    var fragment: Fragment

    init(_ fragment: Fragment) {
        self.fragment = fragment
    }
}
