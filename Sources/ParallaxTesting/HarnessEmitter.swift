import ParallaxCore

/// Collects what a transform emits with `ElementCallContext.emit` during one harness push: each output a
/// fresh heap buffer of the harness's output size.
final class HarnessEmitter: OutputEmitter {
    let capacity: Int
    private(set) var outputs: [Buffer] = []

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
