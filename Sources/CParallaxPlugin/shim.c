// CParallaxPlugin is header-only: parallax_plugin.h is the plugin ABI. This file keeps SwiftPM's C target
// non-empty.
