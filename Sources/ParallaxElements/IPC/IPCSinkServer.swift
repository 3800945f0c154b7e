import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxRuntime
import Synchronization

/// The serving side of `ipc_sink`: listens on the socket, and for the connected `ipc_src` lends each
/// buffer's slot (the arena's descriptor once, re-opened read-only; then a ring entry per buffer) and keeps
/// the buffer alive until the peer hands the slot back on the release ring.
///
/// ```
/// render ─► [arena granted?] ─► inFlight[(arena, slot)] = buffer ─► data ring ──► ipc_src
/// release thread ◄── release ring ◄── ipc_src drops its buffer ─► inFlight.remove ─► slot back to its pool
/// ```
/// A peer that hangs up, or hands back a slot it was not lent, is disconnected and everything it held is
/// released; the next `ipc_src` to connect starts afresh (its first buffer marked discont).
/// Thread: `send`/`finish` on the streaming thread; the release thread; `unlock`/`stop` on the control thread.
final class IPCSinkServer: @unchecked Sendable {  // unchecked: mutable state under `state`; fds fixed after init
    let path: String
    private let listener: Int32
    private let wake: Int32
    private let ringCapacity = 1024
    private let state = Mutex(State())
    private let threads = Countdown()

    private struct State: ~Copyable {
        var peer: Peer?
        var stopping = false
    }

    /// One connected `ipc_src`.
    private final class Peer: @unchecked Sendable {  // unchecked: `inFlight` and `granted` under the server's lock
        let socket: Int32
        let data: SlotRing
        let releases: SlotRing
        var granted: [UInt32: any Arena] = [:]
        var inFlight: [UInt64: Buffer] = [:]
        var gone = false

        init(socket: Int32, data: SlotRing, releases: SlotRing) {
            self.socket = socket
            self.data = data
            self.releases = releases
        }

        deinit { close(socket) }
    }

    init(path: String) throws(ElementError) {
        self.path = path
        self.listener = try IPCSocket.listen(path)
        self.wake = px_eventfd()
    }

    deinit {
        close(listener)
        close(wake)
    }

    /// Lends `buffer` to the peer. Without a peer: waits for one when `waitForConnection`, else drops the
    /// buffer. Returns false when stopping.
    func send(_ buffer: Buffer, waitForConnection: Bool, caps: Caps) throws(ElementError) -> Bool {
        guard let peer = try currentPeer(wait: waitForConnection, caps: caps) else {
            return !state.withLock { $0.stopping }
        }
        var lent = buffer
        if !(buffer.storage.arena is CpuArena) || buffer.storage.slot < 0 {
            lent = try Self.copyToArena(buffer)
        }
        guard let arena = lent.storage.arena as? CpuArena else { return true }
        let key = UInt64(arena.id) << 32 | UInt64(lent.storage.slot)
        let granted: Bool = state.withLock { _ in
            if peer.gone { return false }
            if peer.granted[arena.id] == nil {
                guard let readOnly = try? arena.makeReadOnlyDescriptor() else { return false }
                defer { close(readOnly) }
                let message = IPCMessage.arena(
                    id: arena.id, slotSize: UInt64(arena.slotSize), slotCount: UInt32(arena.slotCount))
                guard IPCSocket.send(message, on: peer.socket, attaching: readOnly) else { return false }
                peer.granted[arena.id] = arena
            }
            peer.inFlight[key] = lent
            return true
        }
        guard granted else {
            disconnect(peer)
            return true
        }
        let entry = SlotEntry(
            arena: arena.id, slot: UInt32(lent.storage.slot), length: UInt64(lent.length), metadata: lent.metadata)
        while true {
            do {
                if try peer.data.tryPush(entry) { return true }
            } catch {
                disconnect(peer)
                return true
            }
            if state.withLock({ $0.stopping }) || peer.gone { return false }
            peer.data.waitForRoom(timeoutNanoseconds: 50_000_000)
        }
    }

    /// Tells the peer the stream ended.
    func finish() {
        guard let peer = state.withLock({ $0.peer }) else { return }
        _ = try? peer.data.tryPush(.endOfStream)
    }

    /// Wakes a streaming thread waiting for a peer or for ring room.
    func unlock() {
        state.withLock { $0.stopping = true }
        var one: UInt64 = 1
        _ = write(wake, &one, 8)
        state.withLock { $0.peer }?.data.wake()
    }

    /// Disconnects the peer, waits for the release thread, and removes the socket file.
    func stop() {
        unlock()
        if let peer = state.withLock({ $0.peer }) { disconnect(peer) }
        threads.waitForZero()
        unlink(path)
    }

    private func currentPeer(wait: Bool, caps: Caps) throws(ElementError) -> Peer? {
        if let peer = state.withLock({ $0.peer }), !peer.gone { return peer }
        while true {
            if state.withLock({ $0.stopping }) { return nil }
            let events = IPCSocket.poll(listener, timeout: wait ? -1 : 0, wake: wake)
            if events & Int16(POLLIN) == 0 {
                if !wait { return nil }
                continue
            }
            let socket = accept(listener, nil, nil)
            guard socket >= 0 else { continue }
            _ = fcntl(socket, F_SETFD, FD_CLOEXEC)
            if let peer = try welcome(socket, caps: caps) { return peer }
        }
    }

    /// Sends the rings and caps to a new peer and starts its release thread.
    private func welcome(_ socket: Int32, caps: Caps) throws(ElementError) -> Peer? {
        let data: SlotRing
        let releases: SlotRing
        do {
            data = try SlotRing(capacity: ringCapacity, name: "ipc_sink:data")
            releases = try SlotRing(capacity: ringCapacity, name: "ipc_sink:release")
        } catch {
            close(socket)
            throw ElementError("ipc_sink: \(error)")
        }
        let hello = IPCMessage.hello(
            version: IPCMessage.version, ringCapacity: UInt32(ringCapacity), caps: caps.description)
        guard IPCSocket.send(hello, on: socket, attaching: data.fileDescriptor),
            IPCSocket.send(.releaseRing, on: socket, attaching: releases.fileDescriptor)
        else {
            close(socket)
            return nil
        }
        // The peer answers once it has mapped the rings; a probe that only checks the path hangs up instead.
        guard IPCSocket.poll(socket, timeout: 5000, wake: wake) & Int16(POLLIN) != 0,
            case (.ready, nil)? = IPCSocket.receive(on: socket)
        else {
            close(socket)
            return nil
        }
        let peer = Peer(socket: socket, data: data, releases: releases)
        state.withLock { $0.peer = peer }
        threads.add()
        do {
            try StreamingThread.spawn(name: "ipc_sink:release") { [self] in
                drainReleases(peer)
                threads.done()
            }
        } catch {
            threads.done()
            disconnect(peer)
            throw ElementError("ipc_sink: \(error)")
        }
        return peer
    }

    /// The release thread: hands slots back to their pools as the peer returns them; ends when the peer
    /// goes (hang-up, a lie, or stop).
    private func drainReleases(_ peer: Peer) {
        while !peer.gone {
            do {
                while let entry = try peer.releases.tryPop() {
                    let key = UInt64(entry.arena) << 32 | UInt64(entry.slot)
                    let returned: Buffer? = state.withLock { _ in peer.inFlight.removeValue(forKey: key) }
                    guard var buffer = returned else {
                        disconnect(peer)  // a slot it was not lent, or returned twice
                        return
                    }
                    buffer.release()
                }
            } catch {
                disconnect(peer)
                return
            }
            if IPCSocket.poll(peer.socket, timeout: 0) & Int16(POLLHUP | POLLERR | POLLIN) != 0 {
                disconnect(peer)
                return
            }
            peer.releases.waitForData(timeoutNanoseconds: 20_000_000)
        }
    }

    private func disconnect(_ peer: Peer) {
        let held: [Buffer] = state.withLock { state in
            peer.gone = true
            if state.peer === peer { state.peer = nil }
            defer { peer.inFlight = [:] }
            return Array(peer.inFlight.values)
        }
        shutdown(peer.socket, Int32(SHUT_RDWR))
        peer.data.wake()
        peer.releases.wake()
        for var buffer in held { buffer.release() }
    }

    /// A buffer outside any arena (an application's heap bytes) copied into a one-slot arena of its own.
    private static func copyToArena(_ buffer: Buffer) throws(ElementError) -> Buffer {
        let arena: CpuArena
        do {
            arena = try CpuArena(slotSize: max(buffer.length, 1), slotCount: 1, name: "ipc_sink:copy")
        } catch {
            throw ElementError("ipc_sink: \(error)")
        }
        guard let slot = arena.claimSlot() else { throw ElementError("ipc_sink: no slot in a fresh arena") }
        var copy = Buffer(storage: BufferStorage(arena: arena, slot: slot, owner: nil), length: buffer.length)
        if let target = copy.storage.base {
            buffer.withUnsafeBytes { if let from = $0.baseAddress { target.copyMemory(from: from, byteCount: $0.count) } }
        }
        copy.metadata = buffer.metadata
        return copy
    }
}
