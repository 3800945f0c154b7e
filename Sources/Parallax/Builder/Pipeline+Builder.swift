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
    /// Throws `.invalidGraph` when the graph cannot be built. A format that fails to negotiate at `run()`
    /// (a size no element accepts) is reported with the Swift types of the elements involved. `strict: true`
    /// turns off automatic converter insertion (see `Pipeline.init(_:registry:clock:strict:negotiator:instances:placement:)`).
    /// Elements known only by name (generated wrappers, `ElementByName`) are made here from `registry` with
    /// their properties; a factory `registry` does not know throws `.invalidGraph` naming the wrapper.
    /// `placement` decides which elements run in sandboxed hosts (ParallaxSandbox's `IsolatingPlacement`; a
    /// plugin's elements need one unless trusted). Runs on the calling thread.
    public convenience init(
        registry: ElementRegistry = .stock, strict: Bool = false, placement: (any ElementPlacement)? = nil,
        @PipelineBuilder _ body: () -> Takes<PipelineStart>.Gives<PipelineEnd>
    ) throws(PipelineError) {
        let fragment = body().fragment
        var registry = registry
        for member in fragment.members {
            if let type = member.type, registry[member.factory] == nil { registry.register(type) }
        }
        var instances: [any Element] = []
        for member in fragment.members { instances.append(try Self.instance(of: member, from: registry)) }
        let negotiator = GlobalNegotiator(converters: ConverterRegistry(registry), strict: strict)
        try self.init(
            fragment.graph, registry: registry, negotiator: TypeNamingNegotiator(base: negotiator),
            instances: instances, placement: placement)
    }

    /// The element value of `member`: as written, or made from `registry` for an element known by name.
    private static func instance(of member: Fragment.Member, from registry: ElementRegistry) throws(PipelineError)
        -> any Element
    {
        if let element = member.element { return element }
        guard let entry = registry[member.factory] else {
            let hint = registry.suggestions(for: member.factory).first.map { " (did you mean \"\($0)\"?)" } ?? ""
            throw .invalidGraph(
                "\(member.typeName): no element \"\(member.factory)\" in the pipeline's registry\(hint); "
                    + "register it or load the plugin that provides it", span: nil)
        }
        for setting in member.properties {
            guard let property = entry.info.property(named: setting.name) else {
                throw .invalidGraph(
                    "\(member.typeName): no property \"\(setting.name)\" in element \"\(member.factory)\"", span: nil)
            }
            if case .failure(let error) = property.type.parse(setting.text) {
                throw .invalidGraph(
                    "\(member.typeName): \(setting.name)=\(setting.text) is not \(error.expected)", span: nil)
            }
        }
        do {
            return try entry.make(member.properties)
        } catch {
            throw .invalidGraph("\(member.typeName): \(error.message)", span: nil)
        }
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

    /// A typed segment from a source to any stage, for splitting a long pipeline into `let`s: each `let`
    /// is type-checked on its own, which keeps type-checking time linear in the pipeline's length.
    ///
    /// ```swift
    /// let capture = Pipeline.segment { VideoTestSource.producing(I420.self, width: 640, height: 480); VideoScale() }
    /// let graph = Pipeline.graph { capture; Queue(); FakeSink() }
    /// ```
    public static func segment<Out>(
        @PipelineBuilder _ body: () -> Takes<PipelineStart>.Gives<Out>
    ) -> Takes<PipelineStart>.Gives<Out> {
        body()
    }

    /// A typed segment that starts from `Media` instead of a source: a reusable chain of elements, checked
    /// where it is written and again where it is used.
    ///
    /// ```swift
    /// let grade = Pipeline.segment(from: RawVideo<I420>.self) { VideoScale(); Denoise<I420>(); Queue() }
    /// let graph = Pipeline.graph { VideoTestSource.producing(I420.self); grade; FakeSink() }
    /// ```
    /// The head may be any element that takes `Media`: a typed one, a pass-through, a raw video filter of
    /// any format (when `Media` is raw video).
    public static func segment<Media, Out>(
        from media: Media.Type, @BranchBuilder<Media> _ body: () -> Takes<Media>.Gives<Out>
    ) -> Takes<Media>.Gives<Out> {
        body()
    }
}
