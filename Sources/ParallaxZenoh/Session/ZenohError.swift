/// What can go wrong talking to a Zenoh router or peer, with a message that names the endpoint or key.
///
/// ```swift
/// do { _ = try ZenohSession(connect: "tcp/127.0.0.1:7447") }
/// catch { print(error) }   // zenoh: could not connect to tcp/127.0.0.1:7447: Connection refused
/// ```
public enum ZenohError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An endpoint that cannot be used (`tcp/HOST:PORT` is the only form).
    case invalidEndpoint(String)
    /// A key expression that cannot be used.
    case invalidKey(String)
    /// The connection could not be made or broke.
    case connection(String)
    /// The peer sent something this client cannot read, or refused the handshake.
    case protocolError(String)
    /// The session is closed.
    case closed(String)
    /// A message larger than the session allows.
    case tooLarge(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let message), .invalidKey(let message), .connection(let message),
            .protocolError(let message), .closed(let message), .tooLarge(let message):
            "zenoh: " + message
        }
    }
}
