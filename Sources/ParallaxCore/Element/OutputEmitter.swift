/// Where `ElementCallContext.emit(metadata:_:)` sends an extra output: the executor's runner (a pooled
/// buffer pushed downstream at once) or the test harness (collected). Not for elements to implement.
public protocol OutputEmitter: AnyObject {
    /// Lets `fill` write up to `capacity` bytes into a fresh output (it returns the length), stamps it with
    /// `metadata` and sends it on; returns how downstream took it.
    func emitOutput(metadata: BufferMetadata, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> FlowStatus
}
