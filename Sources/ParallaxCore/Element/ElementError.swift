/// An error an element raises while running: it stops the pipeline and is posted on the bus.
///
/// `message` is for users (`Could not open file "x" for reading.`), `debug` for developers
/// (`open: No such file or directory`). The bus message names the element that threw.
public struct ElementError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in one sentence for users.
    public var message: String
    /// Extra detail for developers (a system error, a value).
    public var debug: String?

    /// Creates an error with a user-facing message and optional developer detail.
    public init(_ message: String, debug: String? = nil) {
        self.message = message
        self.debug = debug
    }

    public var description: String { debug.map { "\(message) (\($0))" } ?? message }
}
