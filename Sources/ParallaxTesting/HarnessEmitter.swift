import ParallaxCore

/// Collects what an element reports through its context during one harness call: outputs a transform
/// emits (each a fresh heap buffer of the harness's output size), a buffer a source hands on instead of its
/// output, and caps a source asks for (the harness does not renegotiate; it records them).
final class HarnessEmitter: OutputEmitter {
    let capacity: Int
    private(set) var outputs: [Buffer] = []
    private(set) var replacement: Buffer?
    private(set) var requestedCaps: Caps?

    func replaceOutput(with buffer: Buffer) { replacement = buffer }
    func requestCaps(_ caps: Caps) { requestedCaps = caps }

    init(capacity: Int) { self.capacity = capacity }

    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus {
        var output = Buffer(capacity: capacity)
        let written = fill(UnsafeMutableRawBufferPointer(start: output.storage.base, count: capacity))
        output.length = max(0, min(written, capacity))
        output.metadata = metadata
        outputs.append(output)
        return .ok
    }
}
