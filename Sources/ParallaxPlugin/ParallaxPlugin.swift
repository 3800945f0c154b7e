// ParallaxPlugin: export Swift elements as a Parallax plugin (a shared library with the C ABI of
// parallax_plugin.h). Plugin sources import only this module; it re-exports the element API.
@_exported import ParallaxCore
