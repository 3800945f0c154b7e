import ParallaxCore

// Stock elements that stay in the pipeline's process under every execution mode.
extension AppSource: PipelineBound {}
extension AppSink: PipelineBound {}
extension Queue: PipelineBound {}
extension Tee: PipelineBound {}
extension CapsFilter: PipelineBound {}
