/// Why a control frame was rejected or could not be moved; every case says what was wrong.
public enum ControlProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer bytes than the frame header or a field needs.
    case truncated(needed: Int, available: Int)
    /// The frame does not start with the magic bytes `PX`.
    case badMagic
    /// The frame's protocol version is not one this build speaks.
    case unsupportedVersion(UInt8)
    /// The message type byte names no message.
    case unknownType(UInt8)
    /// The length in the header disagrees with the bytes received.
    case lengthMismatch(declared: Int, actual: Int)
    /// The payload is longer than `ControlMessage.maximumPayload`.
    case tooLarge(Int)
    /// A field holds a value outside its range (the name says which).
    case invalidField(String)
    /// The payload has bytes left over after its last field.
    case trailingBytes(Int)
    /// The peer closed the socket.
    case closed
    /// A read or write on the socket failed with this errno.
    case io(String, Int32)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .truncated(let needed, let available):
            return "control: truncated frame (needed \(needed) bytes, have \(available))"
        case .badMagic: return "control: not a Parallax control frame (bad magic)"
        case .unsupportedVersion(let version): return "control: unsupported protocol version \(version)"
        case .unknownType(let type): return "control: unknown message type \(type)"
        case .lengthMismatch(let declared, let actual):
            return "control: frame declares \(declared) payload bytes but carries \(actual)"
        case .tooLarge(let count): return "control: payload of \(count) bytes exceeds the limit"
        case .invalidField(let name): return "control: invalid field \(name)"
        case .trailingBytes(let count): return "control: \(count) unexpected bytes after the payload"
        case .closed: return "control: the peer closed the connection"
        case .io(let call, let code): return "control: \(call) failed (errno \(code))"
        }
    }
}
