import Glibc

/// The TCP framing of Zenoh batches: a 16-bit little-endian length, then the batch.
///
/// ```
/// ┌────────┬──────────────────────────────┐
/// │ len u16│ transport messages (len bytes)│   … next batch
/// └────────┴──────────────────────────────┘
/// ```
/// Used by the session's handshake (blocking, with a time limit) and by its sending and receiving paths.
/// Thread: the caller's; a descriptor is written by one thread at a time and read by one.
struct ZenohLink {
    let descriptor: Int32
    let endpoint: ZenohEndpoint
    let timeoutMilliseconds: Int32

    /// What a write did.
    enum WriteResult {
        case sent
        /// Nothing was written: the socket's buffer is full (only with `dontWait`).
        case busy
        case failed(String)
    }

    /// What a read found.
    enum ReadResult {
        case batch([UInt8])
        /// The connection ended (closed by the peer, reset, or shut down here), with the reason.
        case ended(String)
    }

    /// Writes one batch with its length. With `dontWait`, a full socket buffer gives `.busy` if nothing was
    /// written yet; once part is written the rest is written blocking, so a batch is never cut.
    static func write(batch: [UInt8], to fd: Int32, dontWait: Bool) -> WriteResult {
        let length: [UInt8] = [UInt8(truncatingIfNeeded: batch.count), UInt8(truncatingIfNeeded: batch.count >> 8)]
        return length.withUnsafeBytes { length in
            batch.withUnsafeBytes { batch in
                var pieces = [iovec(length), iovec(batch)]
                return write(&pieces, to: fd, dontWait: dontWait)
            }
        }
    }

    /// Linux's IOV_MAX: the most pieces one `sendmsg` takes.
    static let maxPieces = 1024

    /// Writes `pieces` in order with as few `sendmsg` calls as the kernel allows (at most `maxPieces` per
    /// call), consuming them. With `dontWait`, a full socket buffer gives `.busy` if nothing was written yet;
    /// once part is written the rest is written blocking, so nothing is ever cut.
    static func write(_ pieces: inout [iovec], to fd: Int32, dontWait: Bool) -> WriteResult {
        var first = 0, wroteAny = false
        while first < pieces.count {
            let count = min(pieces.count - first, maxPieces)
            let flags = Int32(MSG_NOSIGNAL) | (dontWait && !wroteAny ? Int32(MSG_DONTWAIT) : 0)
            let sent = pieces.withUnsafeMutableBufferPointer { pieces in
                var message = msghdr()
                message.msg_iov = pieces.baseAddress! + first
                message.msg_iovlen = count
                return sendmsg(fd, &message, flags)
            }
            if sent < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN && !wroteAny && dontWait { return .busy }
                return .failed(String(cString: strerror(errno)))
            }
            wroteAny = wroteAny || sent > 0
            var left = sent
            while first < pieces.count, left >= pieces[first].iov_len {
                left -= pieces[first].iov_len
                first += 1
            }
            if left > 0 {
                pieces[first].iov_base = pieces[first].iov_base.map { $0 + left }
                pieces[first].iov_len -= left
            }
        }
        return .sent
    }

    /// Reads one batch (blocking).
    static func readBatch(from fd: Int32) -> ReadResult {
        var header = [UInt8](repeating: 0, count: 2)
        if let ended = readExactly(fd, into: &header) { return .ended(ended) }
        var batch = [UInt8](repeating: 0, count: Int(header[0]) | Int(header[1]) << 8)
        if let ended = readExactly(fd, into: &batch) { return .ended(ended) }
        return .batch(batch)
    }

    private static func readExactly(_ fd: Int32, into buffer: inout [UInt8]) -> String? {
        var offset = 0
        while offset < buffer.count {
            let count = buffer.count
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + offset, count - offset, 0) }
            if got == 0 { return "the peer closed the connection" }
            if got < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            offset += got
        }
        return nil
    }

    /// Sends one transport message in its own batch.
    mutating func send(_ message: TransportMessage) throws(ZenohError) {
        var writer = ZenohWriter()
        message.write(to: &writer)
        if case .failed(let reason) = Self.write(batch: writer.bytes, to: descriptor, dontWait: false) {
            throw ZenohError.connection("sending to \(endpoint) failed: \(reason)")
        }
    }

    /// Waits (up to the time limit) for one batch and returns its first message.
    mutating func receiveOne() throws(ZenohError) -> TransportMessage {
        var watch = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&watch, 1, timeoutMilliseconds) == 1 else {
            throw ZenohError.connection("\(endpoint) did not answer within \(timeoutMilliseconds) ms")
        }
        switch Self.readBatch(from: descriptor) {
        case .ended(let reason):
            throw ZenohError.connection("\(endpoint) ended the handshake: \(reason)")
        case .batch(let batch):
            let messages: [TransportMessage]
            do {
                messages = try TransportMessage.readBatch(batch)
            } catch {
                throw ZenohError.protocolError("\(endpoint): \(error)")
            }
            guard let first = messages.first else { throw ZenohError.protocolError("\(endpoint) sent an empty batch") }
            if case .close(let code, _) = first {
                let name = TransportMessage.closeReasonName(code)
                throw ZenohError.protocolError("\(endpoint) refused the session (\(name))")
            }
            return first
        }
    }
}
