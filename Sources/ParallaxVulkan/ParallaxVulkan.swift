// The Vulkan layer of Parallax's GPU elements: the shared device (`VulkanDevice`), GPU buffers
// (`VulkanBufferArena`, `VulkanBufferPool`), compute kernels (`VulkanKernel`) and the compiled shaders
// (`VulkanShaders`). The elements (`vulkanupload`, `vulkandownload`, `vulkanconvert`, `vulkanscale`) are in
// ParallaxElements, behind the package trait `Vulkan`.
