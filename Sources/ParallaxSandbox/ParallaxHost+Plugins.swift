import CParallaxLinux
import Glibc
import ParallaxCore

extension ParallaxHost {
    /// Applies `sandbox` for a host that loads `plugins`, in this order:
    ///
    /// 1. every step of the sandbox — namespaces, private mounts, host name, uid/gid 65534, parent-death
    ///    signal, rlimits, no-new-privs — with the *loader* filter (`SeccompFilter(loadingPluginsFor:)`: the
    ///    profile plus read-only `open`, `fstat`, `lseek`, `pread64` and `seccomp`) in place of the profile's;
    /// 2. `dlopen` of each plugin through `/proc/self/fd/N` (the descriptor the supervisor opened and sent):
    ///    the plugin's ELF initialisers run here, as nobody, under the loader filter;
    /// 3. the profile's own filter, stacked on the loader filter (both apply; the stricter wins), so the
    ///    entry point and every element call run under exactly the profile an element host always has.
    ///
    /// Both filters are compiled before step 1 (compiling needs a memfd, which neither allows). A library
    /// that does not load is reported to the supervisor, not fatal; a refused step is, as for any host.
    static func applyLoading(
        _ sandbox: ElementSandbox, _ plugins: [(name: String, descriptor: Int32)]
    ) -> (SandboxReport, [(name: String, library: Result<PluginLibrary, PluginLoadFailure>)]) {
        let loader: [UInt8], strict: [UInt8]
        do {
            loader = try SeccompFilter(loadingPluginsFor: sandbox.profile, violation: sandbox.violationAction)
                .exportBPF()
            strict = try SeccompFilter(profile: sandbox.profile, violation: sandbox.violationAction).exportBPF()
        } catch {
            return (refusedSeccomp(sandbox, errno: EINVAL), [])
        }
        let report = apply(sandbox, filter: loader)
        guard report.failure == nil else { return (report, []) }
        var libraries: [(name: String, library: Result<PluginLibrary, PluginLoadFailure>)] = []
        for plugin in plugins {
            do throws(PluginLoadFailure) {
                let library = try PluginLibrary(path: "/proc/self/fd/\(plugin.descriptor)", name: plugin.name)
                libraries.append((plugin.name, .success(library)))
            } catch {
                libraries.append((plugin.name, .failure(error)))
            }
            close(plugin.descriptor)
        }
        let loaded = strict.withUnsafeBytes { px_seccomp_load($0.baseAddress, $0.count) }
        guard loaded == 0 else { return (refusedSeccomp(sandbox, errno: errno), []) }
        return (report, libraries)
    }

    private static func refusedSeccomp(_ sandbox: ElementSandbox, errno code: Int32) -> SandboxReport {
        var result = px_sandbox_result()
        result.failed_step = Int32(PX_STEP_SECCOMP)
        result.failed_errno = code
        return SandboxReport(result: result, requested: sandbox.namespaces)
    }

    /// Calls a loaded plugin's entry point, registers the elements its table describes well (the supervisor
    /// checks the same description before it asks for any of them), and returns the description to send.
    static func describe(
        _ loaded: (name: String, library: Result<PluginLibrary, PluginLoadFailure>),
        into registry: inout ElementRegistry
    ) -> PluginDescription {
        let library: PluginLibrary
        switch loaded.library {
        case .success(let opened): library = opened
        case .failure(let failure): return PluginDescription(file: loaded.name, loadFailure: failure.description)
        }
        let (description, functions) = library.readTable()
        if let specs = try? PluginValidator(reserved: PluginValidator.reserved(by: registry)).validate(description) {
            for spec in specs {
                guard let bound = functions[spec.index] else { continue }
                let type = PluginCatalog.shared.add(
                    PluginCatalog.Entry(
                        spec: spec, file: PluginFile(hostedAt: library.name), trusted: false, functions: bound))
                register(type, in: &registry)
            }
        }
        let size = ControlMessage.pluginDescription(description).encoded().count
        guard size <= ControlMessage.maximumFrame else {
            return PluginDescription(
                file: description.file,
                loadFailure: "its descriptors take \(size) bytes, more than the \(ControlMessage.maximumFrame) a "
                    + "control message carries")
        }
        return description
    }

    private static func register<E: Element>(_ type: E.Type, in registry: inout ElementRegistry) {
        registry.register(type)
    }
}
