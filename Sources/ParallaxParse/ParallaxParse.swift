// ParallaxParse: the gst-launch-style description parser. It turns a launch string into the graph IR
// (`ParallaxCore.Graph`) that the executor runs, with diagnostics that carry source spans.
