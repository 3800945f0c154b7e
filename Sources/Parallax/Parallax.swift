// Parallax: the umbrella module. `import Parallax` gives the core types, the launch parser, the executor
// and the stock elements.
@_exported import ParallaxCore
@_exported import ParallaxElements
@_exported import ParallaxParse
@_exported import ParallaxRuntime
