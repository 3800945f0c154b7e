/// Collects the `Branch`es of a `Tee.branches` block, in order; each must take `Media`.
///
/// Runs at compile time (type checking) and on the calling thread.
@resultBuilder
public enum TeeBuilder<Media> {
    /// One branch.
    public static func buildExpression(_ branch: Branch<Media>) -> [Branch<Media>] { [branch] }

    /// The branches of the block, in order.
    public static func buildBlock(_ branches: [Branch<Media>]...) -> [Branch<Media>] {
        branches.flatMap { $0 }
    }
}
