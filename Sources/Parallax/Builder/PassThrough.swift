/// A stage that accepts any media and gives back what it received: the builder's form of an
/// `AnyMedia -> AnyMedia` transform such as `Identity` or `Queue`, and of a caps filter.
///
/// After a `Takes<A>.Gives<B>` it composes to `Takes<A>.Gives<B>`: the upstream type is kept, so a
/// queue between two typed elements does not lose the type. At the head of a `Branch` it takes the
/// branch's media type.
public struct PassThrough: Sendable {
    var fragment: Fragment

    init(_ fragment: Fragment) {
        self.fragment = fragment
    }
}
