/// The isolation a deployed pipeline runs under: `sandbox:` in a deployment file.
///
/// | Value | `parallax-launch deploy` runs | `--emit-systemd` writes |
/// |---|---|---|
/// | `none` | the pipeline in its process | no sandboxing directives |
/// | `compute` | every element in a host under the `compute` profile (`--sandbox compute`) | no network at all, read-only system, no devices |
/// | `network` | hosts under the `network` profile, in the host's network (`--sandbox network`) | `compute` with IPv4/IPv6 sockets |
/// | `files` | hosts under the `files` profile (`--sandbox files`) | `compute` with a writable file system outside /usr, /boot, /etc and home directories |
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
