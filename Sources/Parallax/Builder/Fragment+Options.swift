import ParallaxCore
import ParallaxElements

extension Fragment {
    /// The fragment with `options` applied to its first element: its name and isolation request, and a
    /// queue linked after the fragment (before it, when the fragment has no output).
    func applying(_ options: NodeOptions) -> Fragment {
        var result = self
        if !result.members.isEmpty {
            result.members[0].name = options.name
            result.members[0].isolation = options.isolation
        }
        guard let queue = options.queue else { return result }
        let queueFragment = Fragment(element: queue, hasInput: true, hasOutput: true)
        return result.exit == nil && !result.members.isEmpty ? queueFragment.then(result) : result.then(queueFragment)
    }

    /// The fragment with `change` applied to the options its first element has now.
    func configured(_ change: (inout NodeOptions) -> Void) -> Fragment {
        var options = NodeOptions(name: members.first?.name, isolation: members.first?.isolation)
        change(&options)
        return applying(options)
    }
}

extension Takes.Gives: NodeConfigurable {
    /// A copy with `change` applied to the options of the stage's first element.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self { Self(fragment.configured(change)) }
}

extension PassThrough: NodeConfigurable {
    /// A copy with `change` applied to the options of the stage's first element.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self { Self(fragment.configured(change)) }
}

extension AnyInput: NodeConfigurable {
    /// A copy with `change` applied to the options of the stage's first element.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self { Self(fragment.configured(change)) }
}

extension RawVideoPassThrough: NodeConfigurable {
    /// A copy with `change` applied to the options of the stage's first element.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self { Self(fragment.configured(change)) }
}

extension AnyRawVideoInput: NodeConfigurable {
    /// A copy with `change` applied to the options of the stage's first element.
    public func configured(_ change: (inout NodeOptions) -> Void) -> Self { Self(fragment.configured(change)) }
}
