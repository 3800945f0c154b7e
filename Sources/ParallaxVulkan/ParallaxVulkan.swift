// The Vulkan layer of Parallax's GPU elements: the shared device (`VulkanDevice`), GPU buffers
// (`VulkanBufferArena`, `VulkanBufferPool`; exportable and importable as descriptors), compute kernels
// (`VulkanKernel`), the compiled shaders (`VulkanShaders`) and Vulkan Video capability detection
// (`VulkanVideoCapabilities`, `VulkanVideoCodec`, `VulkanVideoProbe`). The elements (`vulkanupload`,
// `vulkandownload`, `vulkanconvert`, `vulkanscale`) are in ParallaxElements, behind the package trait `Vulkan`;
// `av1dec` uses the video probe to say which decoder it chose.
