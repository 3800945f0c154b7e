/// Where a buffer's bytes live. Negotiation chooses one per link; `cpu` is the only kind in the core engine.
///
/// Printed as GStreamer caps features would name them (`memory:SystemMemory` for cpu).
public enum MemoryType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Memory in a memfd arena (or the heap, for buffers made outside a pipeline), mapped into the process.
    case cpu
    /// A DMA-BUF file descriptor (not produced by the core engine).
    case dmabuf
    /// GPU device memory (not produced by the core engine).
    case gpu
    /// A read-only mapped file.
    case mappedFile = "mapped-file"
}
