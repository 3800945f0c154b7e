#include <vulkan/vulkan.h>

/// `VK_MAKE_API_VERSION(0, 1, 1, 0)`, which the function-like macro hides from Swift.
static inline uint32_t cvulkan_api_version_1_1(void) { return VK_MAKE_API_VERSION(0, 1, 1, 0); }

/// `vkGetMemoryFdKHR` (VK_KHR_external_memory_fd) for `memory`, as an opaque descriptor in `*fd`. The loader does
/// not export extension functions, so it is looked up through `vkGetDeviceProcAddr`;
/// `VK_ERROR_EXTENSION_NOT_PRESENT` when the device lacks it.
static inline VkResult cvulkan_get_memory_fd(VkDevice device, VkDeviceMemory memory, int *fd) {
    PFN_vkGetMemoryFdKHR get = (PFN_vkGetMemoryFdKHR)vkGetDeviceProcAddr(device, "vkGetMemoryFdKHR");
    if (get == NULL) return VK_ERROR_EXTENSION_NOT_PRESENT;
    VkMemoryGetFdInfoKHR info = {VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR, NULL, memory,
                                 VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT};
    return get(device, &info, fd);
}
