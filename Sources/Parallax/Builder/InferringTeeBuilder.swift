/// Collects the `Branch`es of a `Tee.branches { … }` whose media is inferred from the branches; all must
/// take the same media.
///
/// Unlike `TeeBuilder<Media>`, it is not generic, so the compiler can infer the media from the statements.
/// Runs at compile time (type checking) and on the calling thread.
@resultBuilder
public enum InferringTeeBuilder {
    /// One branch.
    public static func buildExpression<Media>(_ branch: Branch<Media>) -> [Branch<Media>] { [branch] }

    /// The branches of the block, in order.
    public static func buildBlock<Media>(_ branches: [Branch<Media>]...) -> [Branch<Media>] {
        branches.flatMap { $0 }
    }
}
