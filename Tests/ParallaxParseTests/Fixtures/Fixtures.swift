import ParallaxCore
import ParallaxParse

/// The fixture elements registered into one registry, and a parser over it, for the launch parser tests.
enum Fixtures {
    /// Every fixture element.
    static let registry: ElementRegistry = {
        var registry = ElementRegistry()
        registry.register(FakeSourceFixture.self)
        registry.register(FakeSinkFixture.self)
        registry.register(IdentityFixture.self)
        registry.register(QueueFixture.self)
        registry.register(TeeFixture.self)
        registry.register(VideoTestSourceFixture.self)
        registry.register(CapsFilterFixture.self)
        registry.register(FileSourceFixture.self)
        registry.register(FileSinkFixture.self)
        registry.register(CompositorFixture.self)
        registry.register(MatroskaMuxFixture.self)
        registry.register(RawVideoParseFixture.self)
        return registry
    }()

    /// A parser over `registry`.
    static let parser = LaunchParser(registry: registry)
}
