/// The isolation a deployed pipeline runs under: `sandbox:` in a deployment file.
///
/// | Value | `deploy` runs the pipeline with | `--emit-systemd` writes |
/// |---|---|---|
/// | `none` | every element in its process | no sandboxing directives |
/// | `compute` | `--sandbox compute` | no network, read-only system, no devices |
/// | `network` | `--sandbox network` (hosts keep the network) | `compute` plus IPv4/IPv6 sockets |
/// | `files` | `--sandbox files` | `compute` with the system writable but /usr, /boot, /etc, homes |
///
/// A unit runs the pipeline in one process and lets systemd apply the sandbox to all of it, so its
/// `ExecStart` carries no `--sandbox`. A pure value; any thread.
enum DeploymentSandbox: String, Sendable, Hashable, CaseIterable {
    /// No isolation.
    case none
    /// Computation only: no sockets but local ones, no paths beyond what the pipeline was given.
    case compute
    /// `compute` plus network sockets.
    case network
    /// `compute` plus reading and writing files.
    case files

    /// The `parallax-launch` options that run a pipeline under this sandbox.
    var launchArguments: [String] {
        self == .none ? [] : ["--sandbox", rawValue]
    }

    /// The `[Service]` directives of a systemd unit that apply this sandbox, in the order they are written.
    var systemdDirectives: [String] {
        guard self != .none else { return [] }
        var lines = [
            "NoNewPrivileges=yes",
            "PrivateTmp=yes",
            "PrivateDevices=yes",
            "ProtectHome=\(self == .files ? "read-only" : "yes")",
            "ProtectSystem=\(self == .files ? "full" : "strict")",
            "ProtectKernelTunables=yes",
            "ProtectKernelModules=yes",
            "ProtectKernelLogs=yes",
            "ProtectControlGroups=yes",
            "ProtectClock=yes",
            "ProtectHostname=yes",
            "RestrictRealtime=yes",
            "RestrictSUIDSGID=yes",
            "LockPersonality=yes",
            "MemoryDenyWriteExecute=yes",
            "SystemCallArchitectures=native",
            "SystemCallFilter=@system-service",
        ]
        switch self {
        case .network:
            lines.append("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6")
        case .compute, .files:
            lines.append("PrivateNetwork=yes")
            lines.append("RestrictAddressFamilies=AF_UNIX")
        case .none:
            break
        }
        return lines
    }
}
