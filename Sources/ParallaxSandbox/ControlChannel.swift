import Glibc

/// One end of a control socket (`AF_UNIX`, `SOCK_SEQPACKET`): one frame per packet, sent and received whole.
///
/// Blocking by design: a host waits on it for its next command, and the supervisor's reads end with
/// `ControlProtocolError.closed` when the host dies, because the host holds the only other end.
/// The channel does not own the descriptor; whoever created it closes it.
public struct ControlChannel: Sendable {
    /// The socket descriptor.
    public let descriptor: Int32

    /// Wraps a connected `SOCK_SEQPACKET` socket.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// Sends one message as one packet.
    public func send(_ message: ControlMessage) throws(ControlProtocolError) {
        let frame = message.encoded()
        try sendFrame(frame)
    }

    /// Sends raw bytes as one packet (tests use it to send garbage).
    public func sendFrame(_ frame: [UInt8]) throws(ControlProtocolError) {
        while true {
            let sent = frame.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if sent == frame.count { return }
            if sent < 0 && errno == EINTR { continue }
            throw .io("write", sent < 0 ? errno : EMSGSIZE)
        }
    }

    /// Blocks until one packet arrives and decodes it; throws `.closed` when the peer has gone.
    public func receive() throws(ControlProtocolError) -> ControlMessage {
        var buffer = [UInt8](repeating: 0, count: ControlMessage.maximumFrame + 1)
        var count = 0
        while true {
            count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count >= 0 { break }
            if errno != EINTR { throw .io("read", errno) }
        }
        if count == 0 { throw .closed }
        if count > ControlMessage.maximumFrame { throw .tooLarge(count - ControlMessage.headerSize) }
        return try ControlMessage.decode(Array(buffer[..<count]))
    }
}
