/// What a builder turns a statement into when it is not a pipeline element (`42`, `"text"`, …).
///
/// Never made: the `buildExpression` that returns it is unavailable, so such a statement is a
/// compile-time error on its own line, `not a pipeline element (expected a Source, Transform, Sink,
/// Tee.branches or CapsFilter)`. The builders accept it (through `NotAnElementMarker`) only so that this
/// error, and not a less precise one at the block's `{`, is the one reported.
public enum NotAnElement: NotAnElementMarker {}

/// The type of a statement that is not a pipeline element. The builders take it generically
/// (`<N: NotAnElementMarker>`) rather than as `NotAnElement`, so that other mismatches keep their own
/// diagnostics instead of being reported as a conversion to `NotAnElement`.
public protocol NotAnElementMarker {}
