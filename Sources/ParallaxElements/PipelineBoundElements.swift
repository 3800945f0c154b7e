import ParallaxCore

// Stock elements that stay in the pipeline's process under every execution mode.
extension AppSource: PipelineBound {}
extension AppSink: PipelineBound {}
extension Queue: PipelineBound {}
extension Tee: PipelineBound {}
extension CapsFilter: PipelineBound {}
// The bridges between Parallax processes: they hold the pipeline's end of a Unix socket that another
// process connects to and pass memfd arenas along without reading the bytes, which is the supervisor's
// job (a host in a sandbox has no socket path to bind or reach).
extension IPCSink: PipelineBound {}
extension IPCSource: PipelineBound {}
