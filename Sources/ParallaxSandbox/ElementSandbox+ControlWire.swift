extension ElementSandbox {
    /// The longest host name accepted (the kernel's limit).
    static let maximumHostname = 64

    /// Appends the policy to a control payload, fields in declaration order.
    func write(to writer: inout ControlWireWriter) {
        writer.u8(UInt8(SandboxProfile.allCases.firstIndex(of: profile)!))
        writer.i32(namespaces.rawValue)
        writer.bool(hostname != nil)
        if let hostname { writer.string(hostname) }
        writer.bool(dropToNobody)
        writer.bool(noNewPrivileges)
        writer.bool(parentDeathSignal != nil)
        if let parentDeathSignal { writer.i32(parentDeathSignal) }
        writer.optionalU64(limits.addressSpaceBytes)
        writer.optionalU64(limits.cpuSeconds)
        writer.optionalU64(limits.openFiles)
        writer.optionalU64(limits.processes)
        writer.bool(cgroup != nil)
        if let cgroup {
            writer.optionalU64(cgroup.memoryBytes)
            writer.optionalU64(cgroup.cpuQuotaMicroseconds)
            writer.u64(cgroup.cpuPeriodMicroseconds)
            writer.optionalU64(cgroup.pids)
        }
        switch violationAction {
        case .killProcess:
            writer.u8(0)
        case .errno(let code):
            writer.u8(1)
            writer.i32(code)
        }
        writer.bool(allowsFallback)
    }

    /// Reads a policy written by `write(to:)`, rejecting values out of range.
    init(reading reader: inout ControlWireReader) throws(ControlProtocolError) {
        let profileIndex = Int(try reader.u8())
        guard profileIndex < SandboxProfile.allCases.count else { throw .invalidField("sandbox.profile") }
        let namespaces = SandboxNamespaces(rawValue: try reader.i32())
        let known: SandboxNamespaces = [.mount, .network, .ipc, .uts, .pid, .user, .cgroup]
        guard known.isSuperset(of: namespaces) else { throw .invalidField("sandbox.namespaces") }
        var hostname: String?
        if try reader.bool("sandbox.hostname") {
            hostname = try reader.string("sandbox.hostname", limit: ElementSandbox.maximumHostname)
        }
        if let hostname, hostname.utf8.contains(0) { throw .invalidField("sandbox.hostname") }
        let drop = try reader.bool("sandbox.dropToNobody")
        let noNewPrivileges = try reader.bool("sandbox.noNewPrivileges")
        let signal = try reader.bool("sandbox.parentDeathSignal") ? try reader.i32() : nil
        if let signal, !(1...64).contains(signal) { throw .invalidField("sandbox.parentDeathSignal") }
        let limits = ResourceLimits(
            addressSpaceBytes: try reader.optionalU64("sandbox.limits.as"),
            cpuSeconds: try reader.optionalU64("sandbox.limits.cpu"),
            openFiles: try reader.optionalU64("sandbox.limits.nofile"),
            processes: try reader.optionalU64("sandbox.limits.nproc"))
        var cgroup: CgroupLimits?
        if try reader.bool("sandbox.cgroup") {
            let memory = try reader.optionalU64("sandbox.cgroup.memory")
            let quota = try reader.optionalU64("sandbox.cgroup.cpuQuota")
            let period = try reader.u64()
            guard period > 0 else { throw .invalidField("sandbox.cgroup.cpuPeriod") }
            let pids = try reader.optionalU64("sandbox.cgroup.pids")
            cgroup = CgroupLimits(memoryBytes: memory, cpuQuotaMicroseconds: quota, cpuPeriodMicroseconds: period,
                                  pids: pids)
        }
        let action: SeccompViolationAction
        switch try reader.u8() {
        case 0: action = .killProcess
        case 1:
            let code = try reader.i32()
            guard (1...4095).contains(code) else { throw .invalidField("sandbox.violation.errno") }
            action = .errno(code)
        default: throw .invalidField("sandbox.violation")
        }
        let fallback = try reader.bool("sandbox.allowsFallback")
        self.init(
            profile: SandboxProfile.allCases[profileIndex], namespaces: namespaces, hostname: hostname,
            dropToNobody: drop, noNewPrivileges: noNewPrivileges, parentDeathSignal: signal, limits: limits,
            cgroup: cgroup, violationAction: action, allowsFallback: fallback)
    }
}
