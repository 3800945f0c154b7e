import CParallaxLinux
import Glibc
import ParallaxCore

/// `chaos`: a test element that misbehaves on command, to prove what isolation contains.
///
/// It copies each buffer to its output, and when buffer number `after` (counting from 0) arrives — and
/// then every `every` buffers, if set — it performs `action`: crashes (segfault, abort, exit), hangs,
/// allocates without bound, writes into its input buffer, or tries something a sandbox forbids (open a
/// file, connect a socket, exec a program, ptrace). A forbidden operation that the kernel refuses with an
/// error (a sandbox whose violation action is `errno`) fails the element with a message naming the call;
/// one that succeeds (in-process) fails it too, saying the operation was allowed.
///
/// Registered only where asked: `PARALLAX_CHAOS=1` in the environment of `parallax-launch` and of element
/// hosts, or `registry.register(Chaos.self)` in tests.
/// ```
/// PARALLAX_CHAOS=1 parallax-launch --isolate 'chaos*' videotestsrc num-buffers=100 ! chaos action=segfault after=10 every=10 ! fakesink
/// ```
/// Thread: the streaming thread of its segment (or its element host's only thread).
public struct Chaos: Transform {
    /// Any media.
    public typealias Input = AnyMedia
    /// Any media.
    public typealias Output = AnyMedia

    /// The factory name and properties.
    public static let descriptor = ElementDescriptor<Self>(
        factory: "chaos", longName: "Chaos", klass: "Testing",
        description: "Misbehaves on command (crash, hang, allocate, write its input, forbidden calls) to test isolation",
        properties: [
            .enumeration("action", \.action, typeName: "ParallaxChaosAction", "What to do when the moment comes"),
            .uint("after", \.after, range: 0...UInt64(UInt32.max), "Act on this buffer (counting from 0)"),
            .uint("every", \.every, range: 0...UInt64(UInt32.max), "Act again every N buffers after that (0 = once)"),
        ])

    /// What to do.
    public var action = ChaosAction.none
    /// The buffer (from 0) to act on.
    public var after: UInt64 = 0
    /// Act again every this many buffers (0: once).
    public var every: UInt64 = 0
    private var seen: UInt64 = 0

    /// A chaos element that does nothing.
    public init() {}

    /// Copies the buffer, acting first when it is time.
    public mutating func process(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) -> FlowStatus {
        defer { seen &+= 1 }
        if isDue { try act(&ctx) }
        let count = min(ctx.inputLength, ctx.outputCapacity)
        let source = ctx.withUnsafeInput { $0.baseAddress }
        ctx.withUnsafeOutput { output in
            if let source, let target = output.baseAddress, count > 0 { target.copyMemory(from: source, byteCount: count) }
        }
        ctx.outputLength = count
        return .ok
    }

    private var isDue: Bool {
        guard action != .none, seen >= after else { return false }
        if seen == after { return true }
        return every > 0 && (seen - after) % every == 0
    }

    private func act(_ ctx: inout ProcessContext<Input, Output>) throws(ElementError) {
        switch action {
        case .none: return
        case .segfault:
            let address = UnsafeMutablePointer<UInt8>(bitPattern: 8)
            address?.pointee = 1
            Glibc.raise(SIGSEGV)
        case .abort: Glibc.abort()
        case .exit: Glibc._exit(3)
        case .hang:
            while true { sleep(3600) }
        case .allocate:
            while true {
                guard let block = malloc(64 << 20) else { Glibc.abort() }
                memset(block, 0x5A, 64 << 20)
            }
        case .writeInput:
            ctx.withUnsafeInput { input in
                if let base = input.baseAddress { UnsafeMutableRawPointer(mutating: base).storeBytes(of: 0xFF, as: UInt8.self) }
            }
        case .openFile:
            let fd = open("/etc/passwd", O_RDONLY)
            if fd >= 0 { close(fd) }
            try outcome("open(\"/etc/passwd\")", fd >= 0)
        case .connect:
            try outcome("connect(127.0.0.1:9)", Self.connectLoopback())
        case .exec:
            var pid: pid_t = 0
            let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
            defer { free(arguments[0]) }
            let code = posix_spawn(&pid, "/bin/true", nil, nil, arguments, nil)
            if code == 0 {
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            } else {
                errno = code
            }
            try outcome("exec(\"/bin/true\")", code == 0)
        case .ptrace:
            let result = px_ptrace_traceme()
            try outcome("ptrace(PTRACE_TRACEME)", result == 0)
        case .forgeMessage:
            Self.forgeReply()
        }
    }

    private func outcome(_ call: String, _ succeeded: Bool) throws(ElementError) {
        if succeeded { throw ElementError("chaos: \(call) was allowed") }
        throw ElementError("chaos: \(call) was refused (errno \(errno): \(String(cString: strerror(errno))))")
    }

    private static func connectLoopback() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(9).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // A refused connection still reached the network stack: only a blocked call counts as refused here.
        return result == 0 || errno == ECONNREFUSED
    }

    /// Writes a well-formed `done` message claiming far more output than any slot holds to the control
    /// socket of the host this element runs in (descriptor 3), as a compromised element could.
    private static func forgeReply() {
        let forged = ControlMessage.done(WorkResult(status: .ok, outputLength: UInt64.max / 2, metadata: BufferMetadata()))
        let frame = forged.encoded()
        _ = frame.withUnsafeBytes { write(ParallaxHost.controlDescriptor, $0.baseAddress, $0.count) }
    }
}
