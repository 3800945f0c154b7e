import ParallaxCore
import ParallaxElements

extension VideoScale {
    /// A scaler using `method`: `videoscale method=nearest-neighbour`.
    public init(method: Method) {
        self.init()
        self.method = method
    }
}
