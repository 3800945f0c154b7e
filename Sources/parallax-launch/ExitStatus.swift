/// The exit codes of `parallax-launch` (see `docs/cli.md`).
///
/// Argument errors reported by ArgumentParser keep its own code, 64 (`EX_USAGE`).
enum ExitStatus {
    /// The pipeline reached end-of-stream, or the requested report was printed.
    static let success: Int32 = 0
    /// An element failed at run time, or the system refused a resource.
    static let runtimeError: Int32 = 1
    /// The description is wrong: syntax, an unknown element or property, a bad value, or formats that cannot
    /// be negotiated; also an unknown name for `--inspect`.
    static let descriptionError: Int32 = 2
    /// A second interrupt stopped the pipeline before end-of-stream (128 + SIGINT).
    static let interrupted: Int32 = 130
}
