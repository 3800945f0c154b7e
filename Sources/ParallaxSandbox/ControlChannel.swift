import CParallaxLinux
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
        try sendFrame(message.encoded())
    }

    /// Sends one message with `descriptor` attached (SCM_RIGHTS); the receiver gets its own copy, so the
    /// caller still owns and closes `descriptor`.
    public func send(_ message: ControlMessage, attaching descriptor: Int32) throws(ControlProtocolError) {
        try sendFrame(message.encoded(), attaching: descriptor)
    }

    /// Sends raw bytes as one packet (tests use it to send garbage), with an optional descriptor.
    public func sendFrame(_ frame: [UInt8], attaching descriptor: Int32 = -1) throws(ControlProtocolError) {
        let sent = frame.withUnsafeBytes { px_send_packet(self.descriptor, $0.baseAddress, $0.count, descriptor) }
        if sent == frame.count { return }
        if sent < 0 && (errno == EPIPE || errno == ECONNRESET) { throw .closed }
        throw .io("sendmsg", sent < 0 ? errno : EMSGSIZE)
    }

    /// Blocks until one packet arrives and decodes it; throws `.closed` when the peer has gone. A
    /// descriptor that came with the packet is closed: use `receiveWithDescriptor()` where one is expected.
    public func receive() throws(ControlProtocolError) -> ControlMessage {
        let (message, descriptor) = try receiveWithDescriptor()
        if let descriptor { close(descriptor) }
        return message
    }

    /// Blocks until one packet arrives; returns the message and the descriptor attached to it, if any
    /// (the caller owns it). A packet that does not decode closes its descriptor before throwing.
    public func receiveWithDescriptor() throws(ControlProtocolError) -> (ControlMessage, Int32?) {
        let capacity = ControlMessage.maximumFrame + 1
        var frame: [UInt8] = []
        var attached: Int32 = -1
        let count = withUnsafeTemporaryAllocation(byteCount: capacity, alignment: 8) { bytes in
            let got = px_receive_packet(descriptor, bytes.baseAddress, capacity, &attached)
            if got > 0 && got <= ControlMessage.maximumFrame { frame = Array(bytes[..<got]) }
            return got
        }
        if count < 0 { throw errno == EMSGSIZE ? .tooLarge(capacity) : .io("recvmsg", errno) }
        let received: Int32? = attached >= 0 ? attached : nil
        if count == 0 {
            if let received { close(received) }
            throw .closed
        }
        if count > ControlMessage.maximumFrame {
            if let received { close(received) }
            throw .tooLarge(count - ControlMessage.headerSize)
        }
        do {
            return (try ControlMessage.decode(frame), received)
        } catch {
            if let received { close(received) }
            throw error
        }
    }
}
