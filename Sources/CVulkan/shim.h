#include <vulkan/vulkan.h>

/// `VK_MAKE_API_VERSION(0, 1, 1, 0)`, which the function-like macro hides from Swift.
static inline uint32_t cvulkan_api_version_1_1(void) { return VK_MAKE_API_VERSION(0, 1, 1, 0); }
