import ParallaxCore
import ParallaxElements

extension Tee {
    /// A `tee` node that feeds each branch through its own request pad (`src_0`, `src_1`, …), as
    /// `tee name=t ! a t. ! b` does in a launch string. The branches must take `Media`, which must be
    /// what the stage before the tee gives.
    ///
    /// ```swift
    /// Pipeline.graph {
    ///     VideoTestSource()
    ///     Tee.branches(of: RawVideo<AnyPixelFormat>.self) {
    ///         Branch { Queue(); FakeSink() }
    ///         Branch { Queue(); FakeSink() }
    ///     }
    /// }
    /// ```
    public static func branches<Media>(
        of media: Media.Type, @TeeBuilder<Media> _ body: () -> [Branch<Media>]
    ) -> Takes<Media>.Gives<PipelineEnd> {
        Stage(fragment(body().map(\.stage.fragment)))
    }

    /// A `tee` node whose branches take any media (`AnyMedia`): it follows any stage, and each branch
    /// must start with an element that takes `AnyMedia` (`Queue`, `Identity`, `FakeSink`, …).
    public static func branches(@TeeBuilder<AnyMedia> _ body: () -> [Branch<AnyMedia>]) -> AnyInput<PipelineEnd> {
        AnyInput(fragment(body().map(\.stage.fragment)))
    }

    /// A `tee` node whose media is inferred from its branches: every branch that starts with a typed element
    /// must start with one that takes the same media, which must be what the stage before the tee gives.
    ///
    /// ```swift
    /// Tee.branches {
    ///     Branch { I420Only(); FakeSink() }
    ///     Branch { Queue(); FakeSink() }          // takes RawVideo<I420> as well
    /// }
    /// ```
    public static func branches<Media>(
        @InferringTeeBuilder _ body: () -> [Branch<Media>]
    ) -> Takes<Media>.Gives<PipelineEnd> {
        Stage(fragment(body().map(\.stage.fragment)))
    }

    /// The tee node followed by `branches`, the tee's request pads numbered in branch order.
    static func fragment(_ branches: [Fragment]) -> Fragment {
        var result = Fragment(element: Tee(), hasInput: true, hasOutput: false)
        for (number, branch) in branches.enumerated() {
            let offset = result.absorb(branch)
            guard let entry = branch.entry else { continue }
            result.edges.append(
                Fragment.Edge(
                    from: PadRef(node: 0, pad: "src_\(number)"), to: PadRef(node: entry + offset, pad: "sink"),
                    caps: branch.entryCaps))
        }
        return result
    }
}
