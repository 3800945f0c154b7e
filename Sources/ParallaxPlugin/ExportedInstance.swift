import CParallaxPlugin
import ParallaxCore

/// One element instance behind a plugin's `void *instance`; subclassed once per element type
/// (`TransformInstance<E>`), so the C thunks call it without knowing `E`.
/// Thread: one call at a time, as the ABI promises.
class ExportedInstance: @unchecked Sendable {  // unchecked: called by one thread at a time (the ABI's rule)
    /// `set_caps`: empty text is no caps.
    func setCaps(input: String, output: String) throws(ElementError) {}

    /// `process`: returns a `PX_PLUGIN_*` status.
    func process(_ input: px_plugin_buffer, _ output: inout px_plugin_buffer) throws(ElementError) -> Int32 {
        Int32(PX_PLUGIN_OK)
    }

    /// `event`.
    func event(_ event: UInt32) {}

    /// Before `destroy` frees it.
    func stop() {}
}
