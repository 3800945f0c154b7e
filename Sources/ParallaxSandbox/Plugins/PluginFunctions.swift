import CParallaxPlugin

/// The five functions and the context pointer of one plugin element, as its descriptor gave them; what a
/// `PluginInstance` calls. Only a process that loaded the plugin (an element host, or the pipeline's own
/// process for a trusted element) has them.
/// Thread: any; the pointers are immutable.
struct PluginFunctions: @unchecked Sendable {  // unchecked: C function pointers and a context pointer, never written
    let context: UnsafeRawPointer?
    let create: px_plugin_create_fn
    let setCaps: px_plugin_set_caps_fn?
    let process: px_plugin_process_fn
    let event: px_plugin_event_fn?
    let destroy: px_plugin_destroy_fn

    /// The functions of `element`, or nil when a required one (create, process, destroy) is missing.
    init?(_ element: px_plugin_element) {
        guard let create = element.create, let process = element.process, let destroy = element.destroy else {
            return nil
        }
        self.context = element.context
        self.create = create
        self.setCaps = element.set_caps
        self.process = process
        self.event = element.event
        self.destroy = destroy
    }
}
