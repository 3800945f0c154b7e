/// A stage that takes raw video of any pixel format and gives the same format: the builder's form of a
/// `RawVideoFilter` (`VideoScale`, a brightness filter).
///
/// After a `Takes<A>.Gives<RawVideo<F>>` it composes to `Takes<A>.Gives<RawVideo<F>>`: the element learns
/// its format from upstream, so it is written without a generic argument. It cannot follow anything that
/// is not raw video. At the head of a `Branch` of raw video it takes the branch's media.
public struct RawVideoPassThrough: Sendable {
    var fragment: Fragment

    init(_ fragment: Fragment) {
        self.fragment = fragment
    }
}
