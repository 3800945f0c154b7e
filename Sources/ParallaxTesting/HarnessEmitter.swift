import ParallaxCore

/// Collects what an element reports through its context during one harness call: outputs a transform
/// emits (each a fresh heap buffer of the harness's output size), a buffer a source hands on instead of its
/// output, caps a source asks for (the harness does not renegotiate; it records them), and element
/// messages (handed to the harness's `postedMessages`).
final class HarnessEmitter: OutputEmitter {
    let capacity: Int
    private(set) var outputs: [Buffer] = []
    private(set) var replacement: Buffer?
    private(set) var requestedCaps: Caps?

    let acceptsOutputs: Bool
    private let onPost: (CapsStructure) -> Void

    func replaceOutput(with buffer: Buffer) { replacement = buffer }
    func requestCaps(_ caps: Caps) { requestedCaps = caps }
    func post(_ message: CapsStructure) { onPost(message) }

    init(capacity: Int, acceptsOutputs: Bool = true, onPost: @escaping (CapsStructure) -> Void) {
        self.capacity = capacity
        self.acceptsOutputs = acceptsOutputs
        self.onPost = onPost
    }

    func makeOutput() -> Buffer? { Buffer(capacity: capacity) }

    func emitBuffer(_ buffer: Buffer) -> FlowStatus {
        outputs.append(buffer)
        return .ok
    }

    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus {
        var output = Buffer(capacity: capacity)
        let written = fill(UnsafeMutableRawBufferPointer(start: output.storage.base, count: capacity))
        output.length = max(0, min(written, capacity))
        output.metadata = metadata
        outputs.append(output)
        return .ok
    }
}
