extension MemoryType {
    /// The caps feature naming this memory, as GStreamer spells it (`memory:SystemMemory` for cpu, which a
    /// structure without features also means).
    ///
    /// ```
    /// video/x-raw(memory:DMABuf), format=NV12, ...      dmabuf
    /// video/x-raw, format=NV12, ...                     cpu
    /// ```
    public var capsFeature: String {
        switch self {
        case .cpu: "memory:SystemMemory"
        case .dmabuf: "memory:DMABuf"
        case .gpu: "memory:GPUMemory"
        case .mappedFile: "memory:MappedFile"
        }
    }

    /// The memory a caps structure's features name: cpu without a `memory:` feature, nil for one Parallax
    /// does not know.
    public init?(features: [String]) {
        guard let feature = features.first(where: { $0.hasPrefix("memory:") }) else {
            self = .cpu
            return
        }
        guard let known = MemoryType.allCases.first(where: { $0.capsFeature == feature }) else { return nil }
        self = known
    }

    /// Whether buffers of this memory can be handed to another process: only memory that is a file
    /// descriptor (a memfd arena, a DMA-BUF, a mapped file) can; GPU device memory cannot.
    public var crossesProcessBoundary: Bool {
        switch self {
        case .cpu, .dmabuf, .mappedFile: true
        case .gpu: false
        }
    }

    /// What passing a buffer of this memory to the next element costs: `ConversionCost.sameProcess` inside
    /// a process, `ConversionCost.crossProcess` across a boundary, nil when it cannot cross.
    public func transferCost(crossingProcess: Bool) -> Int? {
        guard crossingProcess else { return ConversionCost.sameProcess }
        return crossesProcessBoundary ? ConversionCost.crossProcess : nil
    }
}

extension Caps {
    /// The structures whose memory can cross a process boundary (`MemoryType.crossesProcessBoundary`);
    /// ANY stays ANY.
    ///
    /// ```swift
    /// try Caps(parsing: "video/x-raw(memory:GPUMemory); video/x-raw").passableAcrossProcesses
    /// // video/x-raw
    /// ```
    public var passableAcrossProcesses: Caps {
        if isAny { return self }
        return Caps(structures.filter { MemoryType(features: $0.features)?.crossesProcessBoundary ?? false })
    }

    /// The memory of the first structure (cpu when it names none).
    public var memory: MemoryType? {
        guard let first = structures.first else { return isAny ? .cpu : nil }
        return MemoryType(features: first.features)
    }
}
