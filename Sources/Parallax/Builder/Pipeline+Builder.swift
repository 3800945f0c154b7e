import ParallaxCore
import ParallaxElements
import ParallaxRuntime

extension Pipeline {
    /// Builds a pipeline from typed elements, checked by the compiler: each element must take what the
    /// one before it gives, the first must be a source and the last a sink.
    ///
    /// ```swift
    /// let pipeline = try Pipeline {
    ///     VideoTestSource().with(\.numBuffers, 30)
    ///     Queue()
    ///     FakeSink()
    /// }
    /// try await pipeline.run()
    /// ```
    /// The builder lowers to the same `Graph` as `LaunchParser` would for the equivalent launch string.
    /// Elements that `registry` does not know are registered into the copy the pipeline uses.
    /// Throws `.invalidGraph` when the graph cannot be built. `strict: true` turns off automatic converter
    /// insertion (see `Pipeline.init(_:registry:clock:strict:negotiator:instances:)`). Runs on the calling
    /// thread.
    public convenience init(
        registry: ElementRegistry = .stock, strict: Bool = false,
        @PipelineBuilder _ body: () -> Takes<PipelineStart>.Gives<PipelineEnd>
    ) throws(PipelineError) {
        let fragment = body().fragment
        var registry = registry
        for member in fragment.members where registry[member.type.factoryName] == nil {
            registry.register(member.type)
        }
        try self.init(fragment.graph, registry: registry, strict: strict, instances: fragment.members.map(\.element))
    }

    /// The graph a typed pipeline lowers to, without building the pipeline: the same `Graph` (up to
    /// `Graph.canonical`) as `LaunchParser` gives for the equivalent launch string.
    ///
    /// ```swift
    /// let graph = Pipeline.graph { VideoTestSource(); Identity(); FakeSink() }
    /// // graph.canonical == (try LaunchParser(registry: .stock).parse("videotestsrc ! identity ! fakesink")).canonical
    /// ```
    public static func graph(@PipelineBuilder _ body: () -> Takes<PipelineStart>.Gives<PipelineEnd>) -> Graph {
        body().fragment.graph
    }
}
