#if Vulkan
import ParallaxCore

// GPU buffers do not cross process boundaries yet (exported memory descriptors are not done), so the Vulkan
// elements run in the pipeline's process under every execution mode; each sends its output with `ctx.emit`.
extension VulkanUpload: PipelineBound, SendsOwnOutputs {}
extension VulkanDownload: PipelineBound, SendsOwnOutputs {}
extension VulkanConvert: PipelineBound, SendsOwnOutputs {}
extension VulkanScale: PipelineBound, SendsOwnOutputs {}
#endif
