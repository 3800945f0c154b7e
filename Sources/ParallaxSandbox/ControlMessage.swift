/// A message on the control socket between the supervisor and an element host.
///
/// Each message travels as one frame: the magic bytes `PX`, the protocol version (one byte), the message type
/// (one byte), the payload length (u32, little-endian), then the payload. `decode(_:)` checks every length and
/// value and throws `ControlProtocolError` for anything else; it never traps, whatever the bytes.
public enum ControlMessage: Sendable, Hashable {
    /// Host → supervisor, first message: the protocol version the host speaks and its pid.
    case hello(version: UInt32, pid: Int32)
    /// Supervisor → host: the sandbox to apply before anything else runs.
    case configure(ElementSandbox)
    /// Host → supervisor: the sandbox is applied; what took effect.
    case ready(SandboxReport)
    /// Either way: a failure, in words (a refused sandbox step, an unexpected message).
    case error(String)
    /// Supervisor → host: exit with status 0.
    case shutdown
    /// Supervisor → host: make an element, configure it with its fixed caps and start it.
    case element(HostedElementSpec)
    /// Host → supervisor: the element with this index is made and started.
    case started(UInt16)
    /// Supervisor → host: an arena, its descriptor attached to the same packet.
    case arena(ArenaGrant)
    /// Supervisor → host: run one element call.
    case work(WorkOrder)
    /// Host → supervisor: the call is done.
    case done(WorkResult)
    /// Supervisor → host: the stream of the element with this index has ended (the element sees EOS);
    /// answered with `started(index)` once it has handled it.
    case endOfStream(UInt16)
    /// Supervisor → host: one of the two work rings (requests, then replies), its memfd attached, holding
    /// `capacity` records. Once both are up, work orders and replies travel through them.
    case ring(capacity: UInt32)
    /// Host → supervisor, announced by `HostReply.posted`: a bus message an element posted, as caps text
    /// (`level, rms=(double){ -20.1 }`).
    case post(String)
    /// Supervisor → host, before `configure`: a plugin to load, by the name messages use (its path), the
    /// library's descriptor attached. The host loads it after the sandbox's namespaces, uid drop and
    /// no-new-privs, under a loader filter, then stacks the profile's filter (see `docs/plugins.md`).
    case plugin(String)
    /// Host → supervisor, after `ready`: what one plugin's table holds, in the order the plugins were sent.
    case pluginDescription(PluginDescription)

    /// The protocol version this build speaks.
    public static let version: UInt8 = 4
    /// Bytes before the payload: magic (2), version, type, length (4).
    public static let headerSize = 8
    /// The largest payload accepted.
    public static let maximumPayload = 16 * 1024
    /// The largest frame accepted.
    public static var maximumFrame: Int { headerSize + maximumPayload }
    /// The longest text in an `error` message, in UTF-8 bytes.
    public static let maximumText = 4096

    private static let magic: (UInt8, UInt8) = (0x50, 0x58)  // "PX"

    /// The message's name (`hello`, `work`, `done`, …), for diagnostics.
    public var name: String {
        switch self {
        case .hello: "hello"
        case .configure: "configure"
        case .ready: "ready"
        case .error: "error"
        case .shutdown: "shutdown"
        case .element: "element"
        case .started: "started"
        case .arena: "arena"
        case .work: "work"
        case .done: "done"
        case .endOfStream: "end-of-stream"
        case .ring: "ring"
        case .post: "post"
        case .plugin: "plugin"
        case .pluginDescription: "plugin-description"
        }
    }

    private var type: UInt8 {
        switch self {
        case .hello: return 1
        case .configure: return 2
        case .ready: return 3
        case .error: return 4
        case .shutdown: return 5
        case .element: return 6
        case .started: return 7
        case .arena: return 8
        case .work: return 9
        case .done: return 10
        case .endOfStream: return 11
        case .ring: return 12
        case .post: return 13
        case .plugin: return 14
        case .pluginDescription: return 15
        }
    }

    /// The message as one frame.
    public func encoded() -> [UInt8] {
        var payload = ControlWireWriter()
        switch self {
        case .hello(let version, let pid):
            payload.u32(version)
            payload.i32(pid)
        case .configure(let sandbox): sandbox.write(to: &payload)
        case .ready(let report): report.write(to: &payload)
        case .plugin(let name): payload.string(String(decoding: name.utf8.prefix(Self.maximumText), as: UTF8.self))
        case .pluginDescription(let description): description.write(to: &payload)
        case .error(let text), .post(let text): payload.string(String(decoding: text.utf8.prefix(Self.maximumText), as: UTF8.self))
        case .shutdown: break
        case .element(let spec): spec.write(to: &payload)
        case .started(let index), .endOfStream(let index): payload.u32(UInt32(index))
        case .arena(let grant): grant.write(to: &payload)
        case .work(let order): order.write(to: &payload)
        case .done(let result): result.write(to: &payload)
        case .ring(let capacity): payload.u32(capacity)
        }
        var frame = ControlWireWriter()
        frame.u8(Self.magic.0)
        frame.u8(Self.magic.1)
        frame.u8(Self.version)
        frame.u8(type)
        frame.u32(UInt32(payload.bytes.count))
        return frame.bytes + payload.bytes
    }

    /// The payload length a frame header declares, after checking magic, version and limit; for readers of
    /// a byte stream. `header` must hold at least `headerSize` bytes.
    public static func payloadLength(header: [UInt8]) throws(ControlProtocolError) -> Int {
        var reader = ControlWireReader(header)
        guard try reader.u8() == magic.0, try reader.u8() == magic.1 else { throw .badMagic }
        let version = try reader.u8()
        guard version == Self.version else { throw .unsupportedVersion(version) }
        _ = try reader.u8()
        let length = Int(try reader.u32())
        guard length <= maximumPayload else { throw .tooLarge(length) }
        return length
    }

    /// Decodes exactly one whole frame.
    public static func decode(_ frame: [UInt8]) throws(ControlProtocolError) -> ControlMessage {
        guard frame.count >= headerSize else { throw .truncated(needed: headerSize, available: frame.count) }
        let length = try payloadLength(header: frame)
        guard frame.count - headerSize == length else {
            throw .lengthMismatch(declared: length, actual: frame.count - headerSize)
        }
        var reader = ControlWireReader(Array(frame[headerSize...]))
        let message: ControlMessage
        switch frame[3] {
        case 1:
            let version = try reader.u32()
            let pid = try reader.i32()
            guard pid > 0 else { throw .invalidField("hello.pid") }
            message = .hello(version: version, pid: pid)
        case 2: message = .configure(try ElementSandbox(reading: &reader))
        case 3: message = .ready(try SandboxReport(reading: &reader))
        case 4: message = .error(try reader.string("error.text", limit: maximumText))
        case 5: message = .shutdown
        case 6: message = .element(try HostedElementSpec(reading: &reader))
        case 7: message = .started(try elementIndex(&reader))
        case 8: message = .arena(try ArenaGrant(reading: &reader))
        case 9: message = .work(try WorkOrder(reading: &reader))
        case 10: message = .done(try WorkResult(reading: &reader))
        case 11: message = .endOfStream(try elementIndex(&reader))
        case 12: message = .ring(capacity: try reader.u32())
        case 13: message = .post(try reader.string("post.text", limit: maximumText))
        case 14: message = .plugin(try reader.string("plugin.name", limit: maximumText))
        case 15: message = .pluginDescription(try PluginDescription(reading: &reader))
        case let other: throw .unknownType(other)
        }
        try reader.finish()
        return message
    }

    private static func elementIndex(_ reader: inout ControlWireReader) throws(ControlProtocolError) -> UInt16 {
        let index = try reader.u32()
        guard index <= UInt32(UInt16.max) else { throw .invalidField("element index") }
        return UInt16(index)
    }
}
