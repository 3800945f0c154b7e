import ParallaxCore

/// What a source's `produce` reported through its context besides the output: a buffer of its own
/// (`replaceOutput(with:)`) or a format change (`changeCaps(to:)`). One per source runner, read and cleared
/// after each call. Sources cannot emit extra outputs (`emit` answers `.eos`).
final class SourceReports: OutputEmitter {
    private var replacement: Buffer?
    private var requested: Caps?
    private let element: String
    private let bus: Bus

    init(element: String, bus: Bus) {
        self.element = element
        self.bus = bus
    }

    /// Sources cannot emit extra outputs.
    var acceptsOutputs: Bool { false }

    /// An element message on the bus, named after the source.
    func post(_ message: CapsStructure) { bus.post(.element(element: element, message)) }

    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus { .eos }
    func replaceOutput(with buffer: Buffer) { replacement = buffer }
    func requestCaps(_ caps: Caps) { requested = caps }

    /// The buffer the source handed on, if any; cleared.
    func takeReplacement() -> Buffer? {
        defer { replacement = nil }
        return replacement
    }

    /// The caps the source asked for, if any; cleared.
    func takeRequestedCaps() -> Caps? {
        defer { requested = nil }
        return requested
    }
}
