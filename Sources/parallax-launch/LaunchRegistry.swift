import Glibc
import Parallax
import ParallaxSandbox

/// The elements `parallax-launch` knows: the stock set, plus the `chaos` test element when
/// `PARALLAX_CHAOS=1` is in the environment, plus the elements of the plugins in `--plugin-path` and
/// `PARALLAX_PLUGIN_PATH`. Element hosts it spawns start from `base` and load the plugins their elements
/// need themselves.
enum LaunchRegistry {
    /// The built-in elements: what an element host re-executing this program starts from.
    static let base: ElementRegistry = {
        var registry = ElementRegistry.stock
        if let flag = getenv(ParallaxHost.chaosEnvironmentKey), String(cString: flag) == "1" {
            registry.register(Chaos.self)
        }
        return registry
    }()

    /// The element host isolated elements run in: the stock `parallax-element-host` beside this program when it
    /// is there (the package builds it with `parallax-launch`), else this program itself (nil).
    ///
    /// Both serve exactly `base` — the stock elements, and `chaos` when `PARALLAX_CHAOS=1` — and load plugins the
    /// same way, but the stock host starts with less: it links no Foundation (which this program needs only to
    /// read `deploy` files) and so maps 20 libraries instead of 25, and the Swift runtime searches half as many
    /// protocol conformances while it starts. A host costs about 40 % less start-up CPU (`docs/isolation.md`).
    static let hostExecutable: String? = {
        let stock = ElementHostProcess.stockExecutable
        return access(stock, X_OK) == 0 ? stock : nil
    }()

    /// `base` plus the plugins of `paths` (then of `PARALLAX_PLUGIN_PATH`), each validated in a sandboxed
    /// host; elements named in `trusted` run in this process. Each rejected plugin, and each trusted name no
    /// plugin provides, is printed as a warning; the others still load.
    static func loading(paths: [String], trusted: [String], console: Console) -> ElementRegistry {
        var registry = base
        let all = paths + PluginLoader.environmentPaths()
        guard !all.isEmpty else { return registry }
        let report = PluginLoader(paths: all, trusted: Set(trusted)).load(into: &registry)
        for rejection in report.rejected { console.err("WARNING: \(rejection)\n") }
        for name in report.unknownTrusted {
            console.err("WARNING: --trust-plugin-element \(name): no plugin provides an element of that name\n")
        }
        return registry
    }
}
