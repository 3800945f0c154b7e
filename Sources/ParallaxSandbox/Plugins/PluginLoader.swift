import Glibc
import ParallaxCore

/// Finds plugins, validates each in a sandboxed element host, and registers their elements — without ever
/// loading an untrusted plugin into this process.
///
/// For every `.so` file in the search paths (sorted by name), a fresh element host is started under
/// `sandbox`; it loads the plugin inside its sandbox, calls its entry point and sends back what the table
/// holds. This process checks it (`PluginValidator`: ABI version, well-formed descriptors, no clash with a
/// built-in element or an earlier plugin) and registers each element as a `PluginElement` type, which an
/// `IsolatingPlacement` runs in an element host in every execution mode. Elements named in `trusted` run in
/// this process instead: only for them is the plugin loaded here, after its validation.
///
/// ```swift
/// var registry = ElementRegistry.stock
/// let loader = PluginLoader(paths: ["/opt/parallax/plugins"] + PluginLoader.environmentPaths())
/// let report = loader.load(into: &registry)
/// for rejection in report.rejected { print(rejection) }   // plugin /opt/…/old.so rejected: …
/// let pipeline = try Pipeline(launch: "videotestsrc ! brightness adjustment=40 ! fakesink", registry: registry,
///                             placement: IsolatingPlacement(mode: .inProcess))
/// ```
/// A plugin that is rejected does not stop the others. Thread: any; `load` blocks while hosts run.
public struct PluginLoader: Sendable {
    /// The environment variable with more search paths, separated by colons.
    public static let environmentKey = "PARALLAX_PLUGIN_PATH"

    /// Directories to search (and single plugin files), in order.
    public var paths: [String]
    /// Factory names of plugin elements to run in this process rather than in element hosts.
    public var trusted: Set<String>
    /// The sandbox of the validating hosts.
    public var sandbox: ElementSandbox
    /// The host executable; nil chooses as `IsolatingPlacement` does.
    public var executable: String?
    /// How long a plugin may take to load and describe itself.
    public var timeoutMilliseconds: Int32

    /// Creates a loader.
    public init(
        paths: [String], trusted: Set<String> = [], sandbox: ElementSandbox = ElementSandbox(),
        executable: String? = nil, timeoutMilliseconds: Int32 = 10_000
    ) {
        self.paths = paths
        self.trusted = trusted
        self.sandbox = sandbox
        self.executable = executable
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// The paths in `PARALLAX_PLUGIN_PATH`, empty entries dropped.
    public static func environmentPaths() -> [String] {
        guard let value = getenv(environmentKey) else { return [] }
        return String(cString: value).split(separator: ":").map(String.init)
    }

    /// What `load` did.
    public struct Report: Sendable, Hashable {
        /// Each loaded plugin file with the factory names it added.
        public var loaded: [String: [String]] = [:]
        /// Plugins that were not loaded, with why.
        public var rejected: [PluginRejection] = []
        /// Names in `trusted` that no loaded plugin provides.
        public var unknownTrusted: [String] = []

        /// An empty report.
        public init() {}
    }

    /// Loads every plugin of the search paths into `registry`.
    public func load(into registry: inout ElementRegistry) -> Report {
        var report = Report()
        var reserved = PluginValidator.reserved(by: registry)
        let (files, missing) = pluginFiles()
        report.rejected += missing
        var provided: Set<String> = []
        for path in files {
            do throws(PluginRejection) {
                let file = try PluginFile(path: path)
                let description = try describe(file)
                let specs = try PluginValidator(reserved: reserved).validate(description)
                let functions = try trustedFunctions(file, specs, description)
                for spec in specs {
                    let trusted = trusted.contains(spec.info.factory)
                    let type = PluginCatalog.shared.add(
                        PluginCatalog.Entry(
                            spec: spec, file: file, trusted: trusted, functions: trusted ? functions[spec.index] : nil))
                    Self.register(type, in: &registry)
                    reserved[spec.info.factory] = "an element of plugin \(path)"
                    provided.insert(spec.info.factory)
                }
                report.loaded[path] = specs.map(\.info.factory)
            } catch {
                report.rejected.append(error)
            }
        }
        report.unknownTrusted = trusted.subtracting(provided).sorted()
        return report
    }

    private static func register<E: Element>(_ type: E.Type, in registry: inout ElementRegistry) {
        registry.register(type)
    }

    /// The `.so` files of the search paths: a directory's sorted by name, a file as given. A search path
    /// that does not exist is skipped, as GStreamer skips one in `GST_PLUGIN_PATH`.
    public func pluginFiles() -> ([String], [PluginRejection]) {
        var files: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT != S_IFDIR {
                files.append(path)
                continue
            }
            guard let directory = opendir(path) else { continue }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasSuffix(".so") { names.append(name) }
            }
            closedir(directory)
            let base = path.hasSuffix("/") ? path : path + "/"
            files += names.sorted().map { base + $0 }
        }
        return (files, [])
    }

    /// Loads `file` in a fresh sandboxed host and returns what its table holds; a host that dies, hangs or
    /// reports a load failure is a rejection that says so.
    public func describe(_ file: PluginFile) throws(PluginRejection) -> PluginDescription {
        func reject(_ reason: String) -> PluginRejection { PluginRejection(file: file.path, reason: reason) }
        let program =
            executable
            ?? (ParallaxHost.isHostCapable ? ElementHostProcess.currentExecutable : ElementHostProcess.stockExecutable)
        let process: ElementHostProcess
        do {
            process = try ElementHostProcess(executable: program, displayName: "parallax-element-host [plugin]")
        } catch {
            throw reject("no element host to validate it in: \(error)")
        }
        var phase = "while it was loaded (in its initialisers)"
        let message: ControlMessage
        do throws(ElementHostError) {
            _ = try process.start(sandbox: sandbox, plugins: [file])
            phase = "in its entry point"
            guard waitForMessage(process) else {
                try? process.terminate()
                _ = try? process.wait()
                throw ElementHostError.hostReported("timeout")
            }
            message = try process.receive(during: "plugin loading")
        } catch {
            if case .hostReported("timeout") = error {
                throw reject("its entry point did not return within \(timeoutMilliseconds) ms")
            }
            if process.hasExited, case .signaled(let signal)? = try? process.wait() {
                throw reject("it crashed the validating host \(phase) (\(HostConnection.signalName(signal)))")
            }
            throw reject("the validating host failed \(phase): \(error)")
        }
        _ = try? process.shutdown()
        switch message {
        case .pluginDescription(let description): return description
        case .error(let text): throw reject(text)
        case let other: throw reject("the validating host answered \(other.name)")
        }
    }

    private func waitForMessage(_ process: ElementHostProcess) -> Bool {
        var entry = pollfd(fd: process.channel.descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, timeoutMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// For a plugin with trusted elements, loads it into this process (after validation) and returns each
    /// element's functions; checks the table still reads as validated.
    private func trustedFunctions(
        _ file: PluginFile, _ specs: [PluginElementSpec], _ validated: PluginDescription
    ) throws(PluginRejection) -> [PluginFunctions?] {
        guard specs.contains(where: { trusted.contains($0.info.factory) }) else { return [] }
        let library: PluginLibrary
        do {
            library = try PluginLibrary(path: "/proc/self/fd/\(file.descriptor)", name: file.path)
        } catch {
            throw PluginRejection(file: file.path, reason: error.description)
        }
        let (description, functions) = library.readTable()
        guard description == validated else {
            throw PluginRejection(file: file.path, reason: "its table changed between validation and loading")
        }
        return functions
    }
}
