import ParallaxCore
import ParallaxElements

/// Something the builder's node modifiers apply to: an element wrapped by a first modifier
/// (`ConfiguredElement`), or a stage value such as `VideoConvert.to(I420.self)`.
///
/// A modifier on a stage applies to the stage's first element. Modifiers chain:
/// `VideoScale().named("scale").group("video").queued()`.
public protocol NodeConfigurable {
    /// A copy with `change` applied to the options of its (first) element.
    func configured(_ change: (inout NodeOptions) -> Void) -> Self
}

extension NodeConfigurable {
    /// Names the element's node, as `name=` does in a launch string.
    public func named(_ name: String) -> Self { configured { $0.name = name } }

    /// Asks for the element to run alone in its own sandboxed host (`Node.isolation = .isolated`).
    public func isolated() -> Self { configured { $0.isolation = .isolated } }

    /// Asks for the element to share one sandboxed host with every element of group `name`.
    public func group(_ name: String) -> Self { configured { $0.isolation = .group(name) } }

    /// Links a queue after the element (before it, for a sink), which starts a new streaming thread there:
    /// `queue max-size-buffers=maxBuffers` in a launch string; nil keeps the queue's default (200).
    public func queued(maxBuffers: UInt64? = nil) -> Self {
        configured { options in
            var queue = Queue()
            if let maxBuffers { queue.maxBuffers = maxBuffers }
            options.queue = queue
        }
    }
}
