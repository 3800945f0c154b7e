import CParallaxLinux

extension SandboxReport {
    /// Appends the report: applied-step bits, namespaces obtained, namespaces requested.
    func write(to writer: inout ControlWireWriter) {
        writer.u32(applied.reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1.number) })
        writer.i32(namespaces.rawValue)
        writer.i32(namespaces.union(missingNamespaces).rawValue)
    }

    /// Reads a report written by `write(to:)`; a report that arrives over the wire carries no failure (a
    /// refused step is sent as an `error` message instead).
    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let bits = try reader.u32()
        let known = SandboxStep.allCases.reduce(UInt32(0)) { $0 | UInt32(1) << UInt32($1.number) }
        guard bits & ~known == 0 else { throw .invalidField("ready.applied") }
        let obtained = try reader.i32()
        let requested = try reader.i32()
        let all: SandboxNamespaces = [.mount, .network, .ipc, .uts, .pid, .user, .cgroup]
        guard all.isSuperset(of: SandboxNamespaces(rawValue: obtained)),
              SandboxNamespaces(rawValue: requested).isSuperset(of: SandboxNamespaces(rawValue: obtained)),
              all.isSuperset(of: SandboxNamespaces(rawValue: requested))
        else { throw .invalidField("ready.namespaces") }
        var result = px_sandbox_result()
        result.applied = bits
        result.namespaces = obtained
        self.init(result: result, requested: SandboxNamespaces(rawValue: requested))
    }
}
