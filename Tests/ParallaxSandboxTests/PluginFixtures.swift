import Glibc

/// Small C plugins compiled at test time (`cc -shared -fPIC`) into a scratch directory, each broken in one
/// way, plus the paths of the package's example plugins.
enum PluginFixtures {
    /// The directory of `parallax_plugin.h`.
    static let includeDirectory: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Sources/CParallaxPlugin/include"
    }()

    /// The directory the test binary (and the example plugins, built beside it) is in.
    static let buildDirectory: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = String(decoding: buffer[..<max(count, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(path[..<path.lastIndex(of: "/")!])
    }()

    /// The Swift example plugin (`Examples/BrightnessPlugin`).
    static var brightness: String { buildDirectory + "/libBrightnessPlugin.so" }
    /// The C example plugin (`Examples/InvertPlugin`).
    static var invert: String { buildDirectory + "/libInvertPlugin.so" }

    /// One transform element `FACTORY` with caps `SINK_CAPS`, in a table of version `ABI`. Broken on request:
    /// `CRASH` makes the entry point write through NULL, `HANG` makes it spin, `CRASH_IN_PROCESS` does the same
    /// in `process`, `PROBE_OPEN` names the element after whether the entry point could open a file, and
    /// `OPEN_SOCKET` makes an ELF initialiser call `socket`.
    static let template = """
        #include <parallax_plugin.h>
        #include <stdlib.h>
        #include <sys/socket.h>
        #include <fcntl.h>
        #include <unistd.h>
        static void *c_create(const void *c, const px_plugin_value *v, uint32_t n, char *e, size_t s) {
            return malloc(1);
        }
        static int32_t c_process(void *i, const px_plugin_buffer *in, px_plugin_buffer *out, char *e, size_t s) {
        #ifdef CRASH_IN_PROCESS
            *(volatile int *)0 = 1;
        #endif
            return PX_PLUGIN_OK;
        }
        static void c_destroy(void *i) { free(i); }
        static const px_plugin_element elements[] = {{
            .struct_size = sizeof(px_plugin_element), .kind = PX_PLUGIN_KIND_TRANSFORM, .factory = FACTORY,
            .long_name = "Fixture", .klass = "Filter", .description = "A test fixture", .sink_caps = SINK_CAPS,
            .src_caps = "ANY", .create = c_create, .process = c_process, .destroy = c_destroy }};
        static const px_plugin_table table = { .abi_version = ABI, .struct_size = sizeof(px_plugin_table),
            .element_count = 1, .elements = elements };
        #ifdef OPEN_SOCKET
        __attribute__((constructor)) static void initialise(void) { socket(AF_INET, SOCK_STREAM, 0); }
        #endif
        #ifdef PROBE_OPEN
        static px_plugin_element probed[1];
        #endif
        const px_plugin_table *parallax_plugin_entry(void) {
        #ifdef PROBE_OPEN
            static px_plugin_table answer;
            int fd = open("/etc/hostname", O_RDONLY);
            probed[0] = elements[0];
            probed[0].factory = fd >= 0 ? "opened" : "refused";
            answer = table;
            answer.elements = probed;
            return &answer;
        #endif
        #ifdef CRASH
            *(volatile int *)0 = 1;
        #endif
        #ifdef HANG
            for (volatile int spin = 1; spin;) {}
        #endif
            return &table;
        }
        """

    /// Compiles the template into `directory/name` with `definitions` (`-D` arguments) using `cc` (or the
    /// Swift toolchain's `clang`); true on success.
    @discardableResult
    static func build(
        _ name: String, in directory: ScratchDirectory, factory: String = "fixture", sinkCaps: String = "ANY",
        abi: Int = 1, _ definitions: [String] = []
    ) -> Bool {
        let source = directory.file(name + ".c")
        guard let file = fopen(source, "w") else { return false }
        fputs(template, file)
        fclose(file)
        let defines =
            ["-DFACTORY='\"\(factory)\"'", "-DSINK_CAPS='\"\(sinkCaps)\"'", "-DABI=\(abi)"]
            + definitions.map { "-D\($0)" }
        let command =
            "\"$(command -v cc || command -v clang)\" -shared -fPIC -I\(includeDirectory) \(defines.joined(separator: " ")) -o \(directory.file(name)) "
            + "\(source)"
        defer { unlink(source) }
        return system(command) == 0
    }

    /// Writes `text` to `directory/name` (a file that is no shared library).
    static func write(_ text: String, to name: String, in directory: ScratchDirectory) {
        guard let file = fopen(directory.file(name), "w") else { return }
        fputs(text, file)
        fclose(file)
    }
}
