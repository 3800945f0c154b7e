import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxRuntime
import Synchronization

/// The connecting side of `ipc_src`: connects to an `ipc_sink` (waiting until one serves the path),
/// takes the caps and rings it sends, maps each arena it lends read-only, and turns ring entries into
/// buffers over those slots — no copy. A sink that goes away is waited for again; the first buffer after
/// reconnecting is marked discont.
///
/// Thread: `next()` on the streaming thread; `connect` on the control thread during negotiation; `unlock`
/// from the control thread.
final class IPCSourceClient: @unchecked Sendable {  // unchecked: connection state under `lock`; used by one thread at a time
    private struct Connection {
        let socket: Int32
        let data: SlotRing
        let releases: IPCReleaseChannel
        let caps: Caps
        var arenas: [UInt32: (arena: CpuArena, owner: IPCLentArena)] = [:]
    }

    private var connection: Connection?
    private var discont = false
    private let stopping = Atomic<Bool>(false)

    /// What `next()` found.
    enum Next {
        case buffer(Buffer)
        case endOfStream
        case stopped
    }

    deinit { disconnect() }

    /// The caps the connected sink sends, connecting first if needed. `timeout` milliseconds (0: no limit).
    func caps(path: String, timeout: UInt64) throws(ElementError) -> Caps {
        try ensureConnected(path: path, timeout: timeout)
        guard let connection else { throw ElementError("ipc_src: stopped while connecting to \(path)") }
        return connection.caps
    }

    /// The next buffer, end-of-stream, or `.stopped` after `unlock()`.
    func next(path: String, timeout: UInt64) throws(ElementError) -> Next {
        while true {
            if stopping.load(ordering: .acquiring) { return .stopped }
            try ensureConnected(path: path, timeout: timeout)
            guard var current = connection else { return .stopped }
            let entry: SlotEntry?
            do {
                entry = try current.data.tryPop()
            } catch {
                disconnect()
                continue
            }
            guard let entry else {
                if IPCSocket.poll(current.socket, timeout: 0) & Int16(POLLHUP | POLLERR) != 0 {
                    disconnect()
                    continue
                }
                current.data.waitForData(timeoutNanoseconds: 50_000_000)
                continue
            }
            if entry.kind == .endOfStream { return .endOfStream }
            guard let lent = arena(entry.arena, in: &current) else {
                disconnect()  // the sink went away before lending it, or named an arena it never sent
                continue
            }
            connection = current
            guard entry.slot < UInt32(lent.arena.slotCount), entry.length <= UInt64(lent.arena.slotSize) else {
                disconnect()
                continue
            }
            var buffer = Buffer(
                storage: BufferStorage(arena: lent.arena, slot: Int(entry.slot), owner: lent.owner),
                length: Int(entry.length))
            buffer.metadata = entry.metadata
            if discont {
                buffer.metadata.flags.insert(.discont)
                discont = false
            }
            return .buffer(buffer)
        }
    }

    /// Makes a waiting `next()` or `connect` return.
    func unlock() {
        stopping.store(true, ordering: .releasing)
        connection?.data.wake()
    }

    /// Allows waiting again after an unlock (PAUSED → PLAYING after a stop).
    func reset() { stopping.store(false, ordering: .releasing) }

    /// Closes the connection; buffers still held return nothing (the sink reclaims its slots on hang-up).
    func disconnect() {
        guard let current = connection else { return }
        current.releases.close()
        close(current.socket)
        connection = nil
        discont = true
    }

    private func ensureConnected(path: String, timeout: UInt64) throws(ElementError) {
        guard connection == nil else { return }
        let deadline = timeout == 0 ? nil : px_monotonic_ns() &+ timeout * 1_000_000
        var lastError = ElementError("ipc_src: nothing serves \(path)")
        while !stopping.load(ordering: .acquiring) {
            if let deadline, px_monotonic_ns() >= deadline {
                throw ElementError("\(lastError.message) (waited \(timeout) ms)")
            }
            do {
                let socket = try IPCSocket.connect(path)
                if let made = handshake(socket) {
                    connection = made
                    return
                }
                close(socket)
            } catch {
                lastError = error
            }
            _ = px_sleep_until(px_monotonic_ns() &+ 10_000_000)
        }
    }

    /// Reads hello and the release ring; nil when the sink sends anything else.
    private func handshake(_ socket: Int32) -> Connection? {
        guard IPCSocket.poll(socket, timeout: 5000) & Int16(POLLIN) != 0,
            case (.hello(let version, let capacity, let capsText), let dataFD?)? = IPCSocket.receive(on: socket)
        else { return nil }
        guard version == IPCMessage.version, let data = try? SlotRing(mapping: dataFD, capacity: Int(capacity)) else {
            close(dataFD)
            return nil
        }
        guard case (.releaseRing, let releaseFD?)? = IPCSocket.receive(on: socket) else { return nil }
        guard let releases = try? SlotRing(mapping: releaseFD, capacity: Int(capacity)) else {
            close(releaseFD)
            return nil
        }
        let caps = (try? Caps(parsing: capsText)) ?? .any
        guard IPCSocket.send(.ready, on: socket) else { return nil }
        return Connection(socket: socket, data: data, releases: IPCReleaseChannel(ring: releases), caps: caps)
    }

    /// The mapping of arena `id`, reading arena messages from the socket until it arrives.
    private func arena(_ id: UInt32, in current: inout Connection) -> (arena: CpuArena, owner: IPCLentArena)? {
        while current.arenas[id] == nil {
            guard IPCSocket.poll(current.socket, timeout: 5000) & Int16(POLLIN) != 0,
                case (.arena(let arenaID, let slotSize, let slotCount), let fd?)? = IPCSocket.receive(on: current.socket)
            else { return nil }
            guard current.arenas[arenaID] == nil, slotSize <= UInt64(Int.max / 2),
                let mapped = try? CpuArena.mapReadOnly(
                    descriptor: fd, slotSize: Int(slotSize), slotCount: Int(slotCount), name: "ipc_src:\(arenaID)")
            else {
                close(fd)
                return nil
            }
            current.arenas[arenaID] = (mapped, IPCLentArena(id: arenaID, channel: current.releases))
        }
        return current.arenas[id]
    }
}
