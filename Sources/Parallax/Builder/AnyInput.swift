/// A stage that accepts any media and gives `Out`: the builder's form of a sink whose input is
/// `AnyMedia` (`FakeSink`, `FileSink`, `AppSink`, …; then `Out` is `PipelineEnd`) and of a transform
/// from `AnyMedia` to a specific type.
///
/// It composes after a stage of any output type.
public struct AnyInput<Out>: Sendable {
    var fragment: Fragment

    init(_ fragment: Fragment) {
        self.fragment = fragment
    }
}
