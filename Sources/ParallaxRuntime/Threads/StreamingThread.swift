import CParallaxLinux
import Glibc

/// Starts dedicated OS threads for segments (not the cooperative pool, which must never block).
///
/// Threads are detached; the pipeline learns that one has ended through its own exit countdown.
package enum StreamingThread {
    private final class Start: @unchecked Sendable {  // unchecked: handed to exactly one new thread
        let name: String
        let body: @Sendable () -> Void
        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Runs `body` on a new detached thread named `name` (shown by `top -H`, truncated to 15 bytes).
    package static func spawn(name: String, _ body: @escaping @Sendable () -> Void) throws(PipelineError) {
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
            start.name.withCString { px_set_thread_name($0) }
            start.body()
            return nil
        }, start)
        if result != 0 {
            Unmanaged<Start>.fromOpaque(start).release()
            throw PipelineError.resources("could not start streaming thread \(name): \(String(cString: strerror(result)))")
        }
    }
}
