import Glibc
import Parallax
import ParallaxSandbox

/// The elements `parallax-launch` knows: the stock set, plus the `chaos` test element when
/// `PARALLAX_CHAOS=1` is in the environment. Element hosts it spawns use the same set.
enum LaunchRegistry {
    /// The registry for this process.
    static let current: ElementRegistry = {
        var registry = ElementRegistry.stock
        if let flag = getenv(ParallaxHost.chaosEnvironmentKey), String(cString: flag) == "1" {
            registry.register(Chaos.self)
        }
        return registry
    }()
}
