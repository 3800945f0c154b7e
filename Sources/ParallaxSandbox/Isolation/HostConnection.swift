import CParallaxLinux
import Glibc
import ParallaxCore
import ParallaxRuntime
import Synchronization

/// The supervisor's side of one element host: spawns it, sandboxes it, makes its elements, lends it the
/// arenas its buffers live in, runs work orders, and restarts it when it crashes, hangs or breaks the
/// protocol.
///
/// ```
/// proxy.process ─► perform(order) ─► [grant arena once, on the socket: read-only fd for inputs,
///                                     read-write for the element's output pool]
///                                   ─► request ring: work(slots, metadata) ──► host runs the element
///                                   ◄─ reply ring: done(status, length, metadata), checked: length ≤ room
/// crash / hang / lie ─► kill, reap, bus: elementRestarted, respawn, re-send specs; the buffer is lost
/// ```
/// Buffer bytes stay in the arenas, which the host maps; per buffer only a ring record goes each way, and
/// a futex wake-up only when the other side sleeps. The socket carries control messages (specs, arenas,
/// end-of-stream, shutdown) and error texts.
/// Thread: any; one round trip at a time (elements of a group share the host and take turns). `cancel()`
/// may be called from the control thread while a streaming thread waits.
final class HostConnection: @unchecked Sendable {  // unchecked: mutable state only under `state`
    let label: String
    private let executable: String
    private let sandbox: ElementSandbox
    private let policy: RestartPolicy
    private let environment: [String: String]
    private let bus: Bus
    /// The other hosts of the run, asked to shut down together with this one.
    private let fleet: HostFleet?
    private let state: Mutex<State>
    /// Set by `cancel()`; the waiting streaming thread gives up.
    private let cancelled = Atomic<Bool>(false)
    /// The reply ring of the running host, for `cancel()` to wake a waiter without taking `state`.
    private let wakeTarget = Mutex<SharedRing<HostReply>?>(nil)
    private static let ringCapacity = 16

    private struct State: ~Copyable {
        var specs: [HostedElementSpec] = []
        /// Files the supervisor opened for file-accessing elements, by element index; sent with each spawn.
        var files: [UInt16: Int32] = [:]
        /// Plugins the host loads for its plugin elements; sent with each spawn.
        var plugins: [PluginFile] = []
        var process: ElementHostProcess?
        /// A host `launchEarly()` started whose answers are not read yet; `start()` confirms it.
        var launched: Launched?
        var requests: SharedRing<HostRequest>?
        var replies: SharedRing<HostReply>?
        var cgroup: SandboxCgroup?
        var granted: [UInt32: any Arena] = [:]
        /// Output slots lent to each element (`needOutput`) and not handed back yet; kept across calls, since an
        /// element may fill one over several (a demuxer gathering a frame). Released when the host ends.
        var lent: [UInt16: [(slot: SlotReference, buffer: Buffer)]] = [:]
        /// Counts the hosts started; an order records the one it went to (`PendingOrder.generation`).
        var generation: UInt64 = 0
        var restartTimes: [UInt64] = []
        var restarts = 0
        var lostBuffers = 0
        var discont: Set<UInt16> = []
        var staging: CpuArena?
        var report: SandboxReport?
        var stopped = false
        /// `shutdown` went to the running host ahead of `stop()` (`HostFleet`); `stop()` only waits for it.
        var shutdownSent = false
    }

    init(
        label: String, executable: String, sandbox: ElementSandbox, policy: RestartPolicy,
        environment: [String: String], bus: Bus, fleet: HostFleet? = nil
    ) {
        self.label = label
        self.executable = executable
        self.sandbox = sandbox
        self.policy = policy
        self.environment = environment
        self.bus = bus
        self.fleet = fleet
        self.state = Mutex(State())
        fleet?.add(self)
    }

    deinit {
        state.withLock { state in
            Self.end(&state, gracefully: false)
            for file in state.files.values { close(file) }
        }
    }

    /// Adds an element before the host starts, with the descriptor of its file if it reads or writes one
    /// (the connection owns it and hands a copy to every host it starts).
    func add(_ spec: HostedElementSpec, file: Int32? = nil, plugin: PluginFile? = nil) {
        state.withLock { state in
            state.specs.append(spec)
            if let file { state.files[spec.index] = file }
            if let plugin, !state.plugins.contains(where: { $0 === plugin }) { state.plugins.append(plugin) }
        }
    }

    /// The element names this host runs, for messages.
    var elementNames: String { state.withLock { $0.specs.map(\.name).joined(separator: ", ") } }

    /// What the sandbox report of the running host says, if it started.
    var report: SandboxReport? { state.withLock { $0.report } }

    /// Restarts so far and buffers lost to them.
    var restartCounts: (restarts: Int, lostBuffers: Int) { state.withLock { ($0.restarts, $0.lostBuffers) } }

    /// Spawns the host and sends it everything it needs to start, without waiting for it: hosts launched one
    /// after the other start up at the same time, while the pipeline goes on configuring. `start()` then only
    /// reads the answers. A failure here is left for `start()` to find (and report) again.
    func launchEarly() {
        state.withLock { state in
            guard state.process == nil, state.launched == nil, !state.stopped else { return }
            try? launch(&state)
        }
    }

    /// Starts the host if it is not running (the first proxy to start does it), or waits for the one
    /// `launchEarly()` started to be ready.
    func start() throws(ElementError) {
        try state.withLock { (state: inout State) throws(ElementError) in
            guard state.process == nil, !state.stopped else { return }
            do {
                try spawn(&state)
            } catch {
                throw ElementError("\(names(state)): the element host did not start: \(error)")
            }
        }
    }

    /// Tells the host the stream of element `index` ended (sinks flush), then waits for the answer.
    func endOfStream(_ index: UInt16) throws(ElementError) {
        try state.withLock { (state: inout State) throws(ElementError) in
            guard let process = state.process else { return }
            do {
                try process.send(.endOfStream(index))
                _ = try? state.requests?.tryPush(.control)
                switch try process.receive(during: "end of stream") {
                case .started(let answered) where answered == index: return
                case .error(let text): throw ElementError(text)
                case let other: throw ElementError("\(names(state)): unexpected answer to end of stream: \(other)")
                }
            } catch let error as ElementError {
                throw error
            } catch {
                throw ElementError("\(names(state)): \(error)")
            }
        }
    }

    /// Shuts the host down and waits for it (PAUSED → READY); later calls do nothing.
    func stop() {
        // The run's other hosts shut down beside this one rather than each after the previous has exited.
        fleet?.requestShutdown(except: self)
        state.withLock { state in
            state.stopped = true
            Self.end(&state, gracefully: true)
        }
    }

    /// Sends the running host `shutdown` without waiting for it to exit; the later `stop()` waits. Only when the
    /// pipeline is stopping (no streaming thread uses the host any more).
    func requestShutdown() {
        state.withLock { state in
            guard let process = state.process, !state.shutdownSent, (try? process.send(.shutdown)) != nil else { return }
            _ = try? state.requests?.tryPush(.control)
            state.shutdownSent = true
        }
    }

    /// Wakes a streaming thread waiting for this host so the pipeline can stop.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
        wakeTarget.withLock { $0 }?.wake()
    }

    /// Runs one element call in the host. `input` is the buffer to read (nil for sources), `output` the
    /// pooled storage to write (nil for sinks and passthrough elements) and `capacity` its room; `drain`
    /// runs a transform's end-of-stream drain instead (no input, no output). What the element sends of its
    /// own (`ctx.emit`) goes through `emitter`: into slots taken from it and lent to the host, pushed on as
    /// the element sends them when the host runs this element alone, after the call when it shares the host
    /// (the host is busy with this call, so an element downstream in the same host could not run before it
    /// ends). Bus messages the element posts go to `emitter` too.
    func perform(
        element index: UInt16, input: Buffer?, output: BufferStorage?, capacity: Int, metadata: BufferMetadata,
        drain: Bool = false, emitter: (any OutputEmitter)? = nil
    ) throws(ElementError) -> HostOutcome {
        var held: [Buffer] = []
        let outcome = try state.withLock { (state: inout State) throws(ElementError) -> HostOutcome in
            switch try submit(index, input, output, capacity, metadata, drain, &state) {
            case .finished(let outcome): return outcome
            case .sent(let order): return try collect(order, emitter: emitter, held: &held, state: &state)
            }
        }
        for buffer in held where emitter?.emitBuffer(buffer) != .ok { break }
        return outcome
    }

    /// Whether this host runs one element only: then that element's calls may overlap (`submit` the next
    /// work order before `collect`ing the previous answer), since no other element waits for its turn.
    var runsOneElement: Bool { state.withLock { $0.specs.count == 1 } }

    /// Sends an element's work order for `input` (and `output`, the pooled buffer it writes; nil for a
    /// passthrough element) and returns without waiting for the answer (`collect` it later); `.finished` when
    /// it could not be sent (the host was restarted, or the pipeline is stopping). Only for a host that runs
    /// one element (`runsOneElement`), whose input lives in an arena (`canLend(_:)`), so that two orders in
    /// flight never share a staging slot.
    func submit(element index: UInt16, input: Buffer, output: Buffer?, metadata: BufferMetadata)
        throws(ElementError) -> Submission
    {
        try state.withLock { (state: inout State) throws(ElementError) -> Submission in
            try submit(index, input, output?.storage, output?.length ?? 0, metadata, false, &state)
        }
    }

    /// Whether `order` went to a host that has been replaced since: it will never be answered, and its buffer
    /// can be sent again to the new host.
    func isStale(_ order: PendingOrder) -> Bool { state.withLock { $0.generation != order.generation } }

    /// Waits for the answer to an order `submit` sent. An order the host never answered because it was
    /// restarted meanwhile is lost (and counted).
    func collect(_ order: PendingOrder, emitter: (any OutputEmitter)?) throws(ElementError) -> HostOutcome {
        var held: [Buffer] = []
        let outcome = try state.withLock { (state: inout State) throws(ElementError) -> HostOutcome in
            try collect(order, emitter: emitter, held: &held, state: &state)
        }
        for buffer in held where emitter?.emitBuffer(buffer) != .ok { break }
        return outcome
    }

    /// Whether `buffer` can go to a host as it is, in its own arena slot (not copied into the staging slot).
    static func canLend(_ buffer: Buffer) -> Bool {
        buffer.storage.arena is CpuArena && buffer.storage.slot >= 0
    }

    private func submit(
        _ index: UInt16, _ input: Buffer?, _ output: BufferStorage?, _ capacity: Int, _ metadata: BufferMetadata,
        _ drain: Bool, _ state: inout State
    ) throws(ElementError) -> Submission {
        if state.stopped { return .finished(.cancelled) }
        if state.process == nil { try restart(&state, reason: "was not running") }
        var metadata = metadata
        if state.discont.remove(index) != nil { metadata.flags.insert(.discont) }
        let order = WorkOrder(
            element: index, input: try input.map { buffer throws(ElementError) in
                try reference(for: buffer, state: &state)
            },
            output: try output.map { storage throws(ElementError) in
                try grantOutput(storage, capacity: capacity, state: &state)
            }, metadata: metadata, drain: drain)
        guard let requests = state.requests, state.process != nil, state.replies != nil else {
            return .finished(.cancelled)
        }
        guard try send(.work(order), requests, &state) else { return .finished(.lost) }
        return .sent(PendingOrder(element: index, room: order.output?.length ?? 0, generation: state.generation))
    }

    private func collect(
        _ order: PendingOrder, emitter: (any OutputEmitter)?, held: inout [Buffer], state: inout State
    ) throws(ElementError) -> HostOutcome {
        if state.stopped { return .cancelled }
        guard state.generation == order.generation else {
            // Sent to a host that was restarted before it answered (and not sent again).
            state.lostBuffers += 1
            return .lost
        }
        guard let process = state.process, let requests = state.requests, let replies = state.replies else {
            return .cancelled
        }
        let index = order.element
        let alone = state.specs.count == 1
        while true {
            let reply: HostReply
            switch awaitReply(process, replies) {
            case .reply(let answer):
                reply = answer
            case .cancelled:
                return .cancelled
            case .timedOut:
                let limit = (policy.responseTimeoutNanoseconds ?? 0) / 1_000_000
                try restart(&state, reason: "did not answer within \(limit) ms and was killed")
                return .lost
            case .exited:
                try restart(&state, reason: nil)
                return .lost
            case .violation(let what):
                try restart(&state, reason: "broke the protocol (\(what)) and was cut off")
                return .lost
            }
            switch reply {
            case .done(let result):
                guard result.outputLength <= order.room else {
                    try restart(
                        &state,
                        reason: "broke the protocol (claimed \(result.outputLength) bytes of output in a slot of "
                            + "\(order.room)) and was cut off")
                    return .lost
                }
                return .done(result)
            case .failed:
                let text: String?
                do throws(ControlProtocolError) {
                    if case .error(let said) = try process.channel.receive() { text = said } else { text = nil }
                } catch {
                    try restart(&state, reason: nil)
                    return .lost
                }
                guard let text else {
                    try restart(&state, reason: "broke the protocol (a failure without its error text) and was cut off")
                    return .lost
                }
                throw ElementError(text)
            case .needOutput:
                var slot: SlotReference?
                if let buffer = emitter?.makeOutput() {
                    let reference = try grantOutput(buffer.storage, capacity: buffer.length, state: &state)
                    state.lent[index, default: []].append((reference, buffer))
                    slot = reference
                }
                guard try send(.emitSlot(slot), requests, &state) else { return .lost }
            case .emitted(let result, let slot):
                let lent = state.lent[index] ?? []
                guard let at = lent.firstIndex(where: { $0.slot.arena == slot.arena && $0.slot.slot == slot.slot }),
                    result.outputLength <= lent[at].slot.length
                else {
                    try restart(
                        &state,
                        reason: "broke the protocol (emitted \(result.outputLength) bytes in slot \(slot.slot) of "
                            + "arena \(slot.arena), which was not lent or is smaller) and was cut off")
                    return .lost
                }
                var buffer = state.lent[index]!.remove(at: at).buffer
                buffer.length = Int(result.outputLength)
                buffer.metadata = result.metadata
                var status = FlowStatus.ok
                if alone, let emitter {
                    status = emitter.emitBuffer(buffer)
                } else {
                    held.append(buffer)
                }
                guard try send(.emitStatus(status), requests, &state) else { return .lost }
            case .posted:
                let said: ControlMessage?
                do throws(ControlProtocolError) {
                    said = try process.channel.receive()
                } catch {
                    said = nil
                }
                guard case .post(let text) = said else {
                    try restart(&state, reason: "broke the protocol (a post without its text) and was cut off")
                    return .lost
                }
                if let message = (try? Caps(parsing: text))?.structures.first { emitter?.post(message) }
            }
        }
    }

    /// Puts `request` on the request ring; false (after restarting the host) when the host does not read it.
    private func send(_ request: HostRequest, _ requests: SharedRing<HostRequest>, _ state: inout State)
        throws(ElementError) -> Bool
    {
        do {
            guard try requests.tryPush(request) else {
                try restart(&state, reason: "left work orders unread and was cut off")
                return false
            }
        } catch {
            try restart(&state, reason: "broke the protocol (\(error)) and was cut off")
            return false
        }
        return true
    }

    // MARK: - Arenas

    private func reference(for buffer: Buffer, state: inout State) throws(ElementError) -> SlotReference {
        let storage = buffer.storage
        if let arena = storage.arena as? CpuArena, storage.slot >= 0 {
            try grant(arena, writable: false, state: &state)
            return SlotReference(arena: arena.id, slot: UInt32(storage.slot), length: UInt64(buffer.length))
        }
        // Bytes outside any arena (an application's heap buffer): copied once into a staging arena.
        let staging: CpuArena
        if let current = state.staging, current.slotSize >= buffer.length {
            staging = current
        } else {
            // A bigger one replaces it; the old one is no longer lent (the host keeps its mapping until it ends).
            if let old = state.staging { state.granted[old.id] = nil }
            staging = try makeArena(slotSize: max(buffer.length, 4096), name: "\(label):staging")
            state.staging = staging
        }
        if let target = staging.address(ofSlot: 0) {
            buffer.withUnsafeBytes { if let from = $0.baseAddress { target.copyMemory(from: from, byteCount: $0.count) } }
        }
        try grant(staging, writable: false, state: &state)
        return SlotReference(arena: staging.id, slot: 0, length: UInt64(buffer.length))
    }

    private func grantOutput(
        _ storage: BufferStorage, capacity: Int, state: inout State
    ) throws(ElementError) -> SlotReference {
        guard let arena = storage.arena as? CpuArena, storage.slot >= 0 else {
            throw ElementError("\(names(state)): the output buffer is not in a shareable arena")
        }
        try grant(arena, writable: true, state: &state)
        return SlotReference(arena: arena.id, slot: UInt32(storage.slot), length: UInt64(min(capacity, arena.slotSize)))
    }

    private func grant(_ arena: CpuArena, writable: Bool, state: inout State) throws(ElementError) {
        guard state.granted[arena.id] == nil, let process = state.process else { return }
        let descriptor: Int32
        do {
            descriptor = writable ? arena.fileDescriptor : try arena.makeReadOnlyDescriptor()
        } catch {
            throw ElementError("\(names(state)): \(error)")
        }
        defer { if !writable { close(descriptor) } }
        let grant = ArenaGrant(
            id: arena.id, slotSize: UInt64(arena.slotSize), slotCount: UInt32(arena.slotCount), writable: writable)
        do {
            try process.channel.send(.arena(grant), attaching: descriptor)
        } catch {
            return  // the host is gone; the work order that follows finds out and restarts it
        }
        state.granted[arena.id] = arena
    }

    private func makeArena(slotSize: Int, name: String) throws(ElementError) -> CpuArena {
        do {
            return try CpuArena(slotSize: slotSize, slotCount: 1, name: name)
        } catch {
            throw ElementError("\(label): \(error)")
        }
    }

    // MARK: - Processes

    private enum Answer {
        case reply(HostReply)
        case cancelled
        case timedOut
        case exited
        case violation(String)
    }

    /// Waits for the reply to the order just sent: on the reply ring's futex, in slices of 2 ms, checking
    /// between slices that the host is alive and has not written to the control socket (it has nothing to
    /// say there while working), that the pipeline is not stopping, and the response deadline.
    private func awaitReply(_ process: ElementHostProcess, _ replies: SharedRing<HostReply>) -> Answer {
        let deadline = policy.responseTimeoutNanoseconds.map { px_monotonic_ns() &+ $0 }
        var watch = [
            pollfd(fd: process.pidDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: process.channel.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            do {
                if let reply = try replies.tryPop() {
                    // Nothing may wait on the socket except a failure's or a post's text: anything else is a lie.
                    // With calls overlapping, the text may belong to a record of the next order, still in the ring
                    // (checked when that order is collected).
                    guard case .done = reply, replies.count == 0 else { return .reply(reply) }
                    watch[1].revents = 0
                    guard poll(&watch[1], 1, 0) > 0, watch[1].revents & Int16(POLLIN) != 0 else { return .reply(reply) }
                    return unexpectedMessage(process)
                }
            } catch {
                return .violation("\(error)")
            }
            if cancelled.load(ordering: .acquiring) { return .cancelled }
            if let deadline, px_monotonic_ns() >= deadline { return .timedOut }
            replies.waitForData(timeoutNanoseconds: 2_000_000)
            if replies.count > 0 { continue }
            watch[0].revents = 0
            watch[1].revents = 0
            guard poll(&watch, 2, 0) > 0 else { continue }
            if watch[0].revents != 0 { return .exited }
            if watch[1].revents & Int16(POLLIN) != 0 { return unexpectedMessage(process) }
            if watch[1].revents != 0 { return .exited }
        }
    }

    private func unexpectedMessage(_ process: ElementHostProcess) -> Answer {
        do throws(ControlProtocolError) {
            let message = try process.channel.receive()
            return .violation("sent a \(message.name) message on the control socket while working")
        } catch .closed {
            return .exited
        } catch {
            return .violation("\(error)")
        }
    }

    /// Starts a host and waits until it runs every element: `launch` (unless `launchEarly()` did) and `confirm`.
    private func spawn(_ state: inout State) throws(ElementHostError) {
        if state.launched == nil { try launch(&state) }
        try confirm(&state)
    }

    /// Spawns the host, moves it into its cgroup, and sends everything it needs to start — plugins,
    /// `configure`, the elements (with their files) and the two work rings — without waiting for any answer: the
    /// socket keeps the messages until the host reads them, one after the other, once it has sandboxed itself.
    private func launch(_ state: inout State) throws(ElementHostError) {
        let process = try ElementHostProcess(
            executable: executable, environment: environment,
            displayName: "parallax-element-host [\(state.specs.map(\.name).joined(separator: ","))]")
        var cgroup: SandboxCgroup?
        if let limits = sandbox.cgroup {
            do {
                let made = try CgroupProbe.detect().create(name: "parallax-\(getpid())-\(process.pid)", limits: limits)
                try made.move(pid: process.pid)
                cgroup = made
            } catch {
                if !sandbox.allowsFallback {
                    try? process.terminate()
                    _ = try? process.wait()
                    throw .hostReported("the cgroup could not be set up: \(error)")
                }
            }
        }
        do throws(ElementHostError) {
            try process.requestStart(sandbox: sandbox, plugins: state.plugins)
            for spec in state.specs {
                try process.sendAhead(.element(spec), attaching: state.files[spec.index] ?? -1)
            }
            let requests = try Self.makeRing(HostRequest.self, "\(label):requests")
            let replies = try Self.makeRing(HostReply.self, "\(label):replies")
            for ring in [requests.fileDescriptor, replies.fileDescriptor] {
                try process.sendAhead(.ring(capacity: UInt32(Self.ringCapacity)), attaching: ring)
            }
            state.launched = Launched(process: process, cgroup: cgroup, requests: requests, replies: replies)
        } catch {
            try? process.terminate()
            _ = try? process.wait()
            cgroup?.destroy()
            throw error
        }
    }

    /// Reads the launched host's answers — `hello`, `ready`, a description per plugin, `started` per element —
    /// and makes it the running host; a host that refuses or dies on the way is killed, reaped and reported.
    private func confirm(_ state: inout State) throws(ElementHostError) {
        guard let launched = state.launched else { return }
        state.launched = nil
        let process = launched.process
        do throws(ElementHostError) {
            state.report = try process.awaitReady()
            for plugin in state.plugins {
                switch try process.receive(during: "loading plugin \(plugin.path)") {
                case .pluginDescription(let description) where description.loadFailure == nil: continue
                case .pluginDescription(let description):
                    throw .hostReported("plugin \(plugin.path): \(description.loadFailure ?? "")")
                case .error(let text): throw .hostReported(text)
                case let other: throw .protocolViolation("expected plugin-description, got \(other)")
                }
            }
            for spec in state.specs {
                switch try process.receive(during: "making \(spec.name)") {
                case .started(let index) where index == spec.index: continue
                case .error(let text): throw .hostReported(text)
                case let other: throw .protocolViolation("expected started, got \(other)")
                }
            }
        } catch {
            try? process.terminate()
            _ = try? process.wait()
            launched.cgroup?.destroy()
            throw error
        }
        state.requests = launched.requests
        state.replies = launched.replies
        wakeTarget.withLock { $0 = launched.replies }
        state.process = process
        state.shutdownSent = false
        state.generation &+= 1
        state.cgroup = launched.cgroup
        state.granted = [:]
        state.lent = [:]
    }

    private static func makeRing<R: RingRecord>(_ type: R.Type, _ name: String) throws(ElementHostError)
        -> SharedRing<R>
    {
        do {
            return try SharedRing<R>(capacity: ringCapacity, name: name)
        } catch {
            throw .hostReported("the work rings could not be made: \(error)")
        }
    }

    /// Ends the current host (its exit named in the bus message and in the error past the limit), applies
    /// the policy, waits the backoff and starts a new one.
    private func restart(_ state: inout State, reason: String?) throws(ElementError) {
        var how = reason ?? "ended"
        if let process = state.process {
            if reason != nil { try? process.terminate() }
            if let exit = try? process.wait() {
                how = reason.map { "\($0) (\(exit))" } ?? Self.describe(exit)
            }
            state.cgroup?.destroy()
            state.process = nil
            state.requests = nil
            state.replies = nil
            state.cgroup = nil
            state.lostBuffers += 1
        }
        let now = px_monotonic_ns()
        state.restartTimes = state.restartTimes.filter { now &- $0 < policy.windowNanoseconds } + [now]
        guard state.restartTimes.count <= policy.maxRestarts else {
            throw ElementError(
                "\(names(state)): element host \(how); gave up after \(state.restarts) restart"
                    + "\(state.restarts == 1 ? "" : "s") (the limit is \(policy.maxRestarts) in "
                    + "\(policy.windowNanoseconds / 1_000_000) ms)")
        }
        state.restarts += 1
        let backoff = min(
            policy.backoffNanoseconds << UInt64(min(state.restartTimes.count - 1, 30)), policy.maxBackoffNanoseconds)
        if backoff > 0 { _ = px_sleep_until(px_monotonic_ns() &+ backoff) }
        do {
            try spawn(&state)
        } catch {
            throw ElementError("\(names(state)): element host \(how), and could not be restarted: \(error)")
        }
        for spec in state.specs {
            state.discont.insert(spec.index)
            bus.post(.elementRestarted(element: spec.name, reason: how, restarts: state.restarts))
        }
    }

    private static func describe(_ exit: ElementHostExit) -> String {
        switch exit {
        case .exited(let status): return "exited with status \(status)"
        case .signaled(let signal):
            let name = Self.signalName(signal)
            if signal == SIGSYS { return "was killed by \(name) (a system call its sandbox forbids)" }
            if signal == SIGKILL { return "was killed by \(name) (out of memory or killed from outside)" }
            return "was killed by \(name)"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL", SIGSYS: "SIGSYS", SIGBUS: "SIGBUS",
            SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGTRAP: "SIGTRAP", SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU",
        ]
        return names[signal] ?? "signal \(signal)"
    }

    private func names(_ state: borrowing State) -> String {
        state.specs.map(\.name).joined(separator: ", ")
    }

    private static func end(_ state: inout State, gracefully: Bool) {
        if let launched = state.launched {
            state.launched = nil
            try? launched.process.terminate()
            _ = try? launched.process.wait()
            launched.cgroup?.destroy()
        }
        guard let process = state.process else { return }
        if gracefully, state.shutdownSent || (try? process.send(.shutdown)) != nil {
            if !state.shutdownSent { _ = try? state.requests?.tryPush(.control) }
            // A host waiting for room on the reply ring (answers nobody will collect now) gets it, finishes its
            // call and reads the shutdown.
            if let replies = state.replies {
                while !process.hasExited {
                    while (try? replies.tryPop()) != nil {}
                    replies.waitForData(timeoutNanoseconds: 2_000_000)
                }
            }
            _ = try? process.wait()
        } else {
            try? process.terminate()
            _ = try? process.wait()
        }
        state.cgroup?.destroy()
        state.process = nil
        state.requests = nil
        state.replies = nil
        state.cgroup = nil
        state.granted = [:]
    }
}
